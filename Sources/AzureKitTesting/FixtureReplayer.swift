import AzureKitCore
import Foundation

/// Answers requests from a ``Fixture``: each request takes the first unused recorded interaction that matches,
/// so concurrent requests may arrive in any order. Shared by ``FixtureTransport`` and the fixture-serving
/// ``LoopbackServer``.
public final class FixtureReplayer: @unchecked Sendable {
    /// The status a loopback server answers with when no interaction matches (never retried, never a real one).
    public static let mismatchStatus = 599
    /// Marks a mismatch answer from a loopback server so the client side can turn it back into a ``FixtureError``.
    public static let mismatchHeader = "x-azurekit-fixture-mismatch"

    public let fixture: Fixture
    public let matcher: RequestMatcher
    // Guarded by `lock`: which interactions have been replayed, every request seen, every mismatch.
    private let lock = NSLock()
    private var used: [Bool]
    private var sent: [HTTPRequest] = []
    private var mismatches: [String] = []

    public init(fixture: Fixture, matcher: RequestMatcher = .init()) {
        self.fixture = fixture
        self.matcher = matcher
        self.used = Array(repeating: false, count: fixture.interactions.count)
    }

    /// The recorded response for `request`, marking its interaction used.
    /// - Throws: ``FixtureError`` with a diff against the closest unused interaction.
    public func answer(_ request: HTTPRequest, body: Data) throws -> HTTPResponse {
        try lock.withLock {
            sent.append(request)
            var closest: (index: Int, diff: String, lines: Int)?
            for (index, interaction) in fixture.interactions.enumerated() where !used[index] {
                guard let diff = matcher.differences(request, body: body, recorded: interaction.request) else {
                    used[index] = true
                    return interaction.response.httpResponse
                }
                let lines = diff.split(separator: "\n").count
                if closest == nil || lines < (closest?.lines ?? .max) { closest = (index, diff, lines) }
            }
            var message =
                "fixture '\(fixture.name)': unexpected request \(request.method.rawValue) \(Redaction.default.redact(request.url))"
            if let closest {
                message += "\nclosest unused interaction #\(closest.index):\n  \(closest.diff)"
            } else {
                message += "\nall \(fixture.interactions.count) recorded interactions were already used"
            }
            mismatches.append(message)
            throw FixtureError(message: message)
        }
    }

    /// Every request answered or refused so far, in order.
    public var requests: [HTTPRequest] { lock.withLock { sent } }

    /// The diff message of every request that matched nothing.
    public var mismatchMessages: [String] { lock.withLock { mismatches } }

    /// How many recorded interactions were not replayed.
    public var unusedCount: Int { lock.withLock { used.filter { !$0 }.count } }

    /// Throws unless every recorded interaction was replayed and no request went unmatched.
    public func assertAllUsed() throws {
        let (unused, refused) = lock.withLock { (used.enumerated().filter { !$0.element }.map(\.offset), mismatches) }
        if let first = refused.first {
            throw FixtureError(message: "\(refused.count) request(s) matched no interaction; first:\n\(first)")
        }
        guard unused.isEmpty else {
            let list = unused.map {
                "#\($0) \(fixture.interactions[$0].request.method) \(fixture.interactions[$0].request.url)"
            }
            throw FixtureError(
                message: "fixture '\(fixture.name)': \(unused.count) interaction(s) never requested:\n  "
                    + list.joined(separator: "\n  "))
        }
    }
}
