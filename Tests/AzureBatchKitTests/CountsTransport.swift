import AzureKitCore
import Foundation

@testable import AzureBatchKit

/// Answers every Get Task Counts request with the same counts.
final class CountsTransport: HTTPTransport, @unchecked Sendable {
    let counts: TaskCounts
    private let lock = NSLock()
    private var requests = 0
    private var last: HTTPRequest?
    var lastRequest: HTTPRequest? { lock.withLock { last } }
    init(_ counts: TaskCounts) { self.counts = counts }
    var count: Int { lock.withLock { requests } }

    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        lock.withLock {
            requests += 1
            last = request
        }
        guard request.url.path.hasSuffix("/taskcounts") else { return HTTPResponse(status: 404) }
        let body = try JSONEncoder().encode(TaskCountsResult(taskCounts: counts))
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }
}
