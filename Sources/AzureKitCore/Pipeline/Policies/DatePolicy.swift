import AzureKitSigning
import Foundation

/// Stamps the service's date header (`x-ms-date` or `ocp-date`) on every attempt, so a retried request is
/// signed with a fresh date and never falls outside the service's 15-minute window.
public struct DatePolicy: HTTPPolicy {
    private let now: @Sendable () -> Date

    /// - Parameter now: the clock; tests inject a fixed one.
    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var request = request
        request.headers[context.profile.dateHeader] = HTTPDate.format(now())
        return try await next(request, context)
    }
}
