import AzureKitCore
import Foundation

/// Replays a ``Fixture`` in process: each request is answered by the first unused recorded interaction that
/// matches it, so concurrent requests may arrive in any order. An unexpected request fails with a readable
/// diff against the closest recording.
///
/// ```swift
/// let transport = try FixtureTransport(fixture: .load(contentsOf: url))
/// let batch = try BatchClient(endpoint: endpoint, credential: .sharedKey(key), options: .init(transport: transport))
/// ...
/// try transport.assertAllUsed()
/// ```
public final class FixtureTransport: HTTPTransport, @unchecked Sendable {
    public let fixture: Fixture
    public let matcher: RequestMatcher
    // Guarded by `lock`: which interactions have been replayed, and every request seen.
    private let lock = NSLock()
    private var used: [Bool]
    private var sent: [HTTPRequest] = []

    public init(fixture: Fixture, matcher: RequestMatcher = .init()) {
        self.fixture = fixture
        self.matcher = matcher
        self.used = Array(repeating: false, count: fixture.interactions.count)
    }

    public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let body = try await request.body.collect()
        return try lock.withLock {
            sent.append(request)
            var closest: (index: Int, diff: String)?
            for (index, interaction) in fixture.interactions.enumerated() where !used[index] {
                guard let diff = matcher.differences(request, body: body, recorded: interaction.request) else {
                    used[index] = true
                    return interaction.response.httpResponse
                }
                let lines = diff.components(separatedBy: "\n").count
                if closest == nil || lines < closest!.diff.components(separatedBy: "\n").count { closest = (index, diff) }
            }
            var message = "fixture '\(fixture.name)': unexpected request \(request.method.rawValue) \(Redaction.default.redact(request.url))"
            if let closest {
                message += "\nclosest unused interaction #\(closest.index):\n  \(closest.diff)"
            } else {
                message += "\nall \(fixture.interactions.count) recorded interactions were already used"
            }
            throw FixtureError(message: message)
        }
    }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] { lock.withLock { sent } }

    /// How many recorded interactions were not replayed.
    public var unusedCount: Int { lock.withLock { used.filter { !$0 }.count } }

    /// Throws unless every recorded interaction was replayed.
    public func assertAllUsed() throws {
        let unused = lock.withLock { used.enumerated().filter { !$0.element }.map(\.offset) }
        guard unused.isEmpty else {
            let list = unused.map { "#\($0) \(fixture.interactions[$0].request.method) \(fixture.interactions[$0].request.url)" }
            throw FixtureError(message: "fixture '\(fixture.name)': \(unused.count) interaction(s) never requested:\n  " + list.joined(separator: "\n  "))
        }
    }
}
