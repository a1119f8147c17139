/// Counts every HTTP attempt in ``AzureMetrics``: requests by service, operation and status, their duration,
/// and the bytes sent and received. A no-op until the application bootstraps a metrics backend.
public struct MetricsPolicy: HTTPPolicy {
    public init() {}

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        let start = ContinuousClock.now
        let sent = request.headers["Content-Length"].flatMap { Int($0) } ?? request.body.knownLength
        do {
            let response = try await next(request, context)
            AzureMetrics.recordAttempt(
                service: context.profile.module, operation: context.operation, status: response.status,
                duration: ContinuousClock.now - start, sentBytes: sent, receivedBytes: Self.receivedBytes(response))
            return response
        } catch {
            AzureMetrics.recordAttempt(
                service: context.profile.module, operation: context.operation, status: nil,
                duration: ContinuousClock.now - start, sentBytes: nil, receivedBytes: nil)
            throw error
        }
    }

    /// The body bytes that came back (a HEAD answer's `Content-Length` describes the resource, not the transfer).
    /// A streamed body is still being read when the policy returns: its declared length is counted.
    static func receivedBytes(_ response: HTTPResponse) -> Int {
        guard response.stream != nil else { return response.body.count }
        return response.headers["Content-Length"].flatMap { Int($0) } ?? 0
    }
}
