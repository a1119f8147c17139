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
public final class FixtureTransport: HTTPTransport, Sendable {
    public let replayer: FixtureReplayer
    public var fixture: Fixture { replayer.fixture }
    public var matcher: RequestMatcher { replayer.matcher }

    public init(fixture: Fixture, matcher: RequestMatcher = .init()) {
        self.replayer = FixtureReplayer(fixture: fixture, matcher: matcher)
    }

    public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let body = try await request.body.collect()
        try Task.checkCancellation()
        return try replayer.answer(request, body: body)
    }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] { replayer.requests }

    /// How many recorded interactions were not replayed.
    public var unusedCount: Int { replayer.unusedCount }

    /// Throws unless every recorded interaction was replayed.
    public func assertAllUsed() throws { try replayer.assertAllUsed() }
}
