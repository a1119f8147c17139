/// Sets `Content-Length` before signing, so the signed value and the sent value are the same.
///
/// Body-less `PUT`/`POST`/`DELETE`/`PATCH` requests send `Content-Length: 0`, which Batch requires. A body of
/// unknown length is produced here (once per attempt) so its length can be signed; the transport would have
/// collected it anyway.
public struct ContentLengthPolicy: HTTPPolicy {
    public init() {}

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var request = request
        if request.method != .get && request.method != .head, request.headers["Content-Length"] == nil {
            if let length = request.body.knownLength {
                request.headers["Content-Length"] = String(length)
            } else {
                let bytes = try await request.body.collect()
                request.body = .data(bytes)
                request.headers["Content-Length"] = String(bytes.count)
            }
        }
        return try await next(request, context)
    }
}
