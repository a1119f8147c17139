/// Sets `Content-Length` before signing, so the signed value and the sent value are the same.
///
/// Body-less `PUT`/`POST`/`DELETE`/`PATCH` requests send `Content-Length: 0`, which Batch requires.
public struct ContentLengthPolicy: HTTPPolicy {
    public init() {}

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse {
        var request = request
        if request.method != .get && request.method != .head, request.headers["Content-Length"] == nil,
           let length = request.body.knownLength {
            request.headers["Content-Length"] = String(length)
        }
        return try await next(request, context)
    }
}
