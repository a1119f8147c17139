import AzureKitCore
import Foundation

/// Runs `body` with the transport the test mode and target call for, then checks or saves the fixture:
///
/// | mode | `.fixture` target | `.loopback` target |
/// |---|---|---|
/// | playback | ``FixtureTransport`` | the default transport → ``LoopbackServer`` serving the fixture |
/// | record | ``RecordingTransport`` over the default transport; writes `<directory>/<name>.json` | same |
/// | live | the default transport | the default transport |
///
/// In playback every recorded interaction must be used and every request must match one, else this throws a
/// ``FixtureError`` with a diff. Tests never need the network in playback.
///
/// ```swift
/// @Test(arguments: TestTarget.allCases)
/// func getsPool(target: TestTarget) async throws {
///     try await withTestTransport(fixture: "get-pool", in: fixturesDirectory(), target: target) { transport in
///         let batch = try BatchClient(endpoint: endpoint, credential: .anonymous,
///                                     options: .init(core: .init(transport: transport)))
///         #expect(try await batch.getPool("pool-1").state == .active)
///     }
/// }
/// ```
///
/// (`PublicAPITests/DocSnippetTests.swift` compiles this example.)
public func withTestTransport<T: Sendable>(
    fixture name: String, in directory: URL, target: TestTarget = .fixture, mode: AzureTestMode? = nil,
    matcher: RequestMatcher = .init(), _ body: (any HTTPTransport) async throws -> T
) async throws -> T {
    let url = directory.appendingPathComponent("\(name).json")
    switch try mode ?? AzureTestMode.fromEnvironment() {
    case .playback:
        return try await withTestTransport(
            fixture: Fixture.load(contentsOf: url), target: target, matcher: matcher, body)
    case .record:
        let recorder = RecordingTransport(name: name)
        let result = try await body(recorder)
        try recorder.write(to: url)
        return result
    case .live:
        return try await body(DefaultTransport.shared)
    }
}

/// Plays `fixture` back through `target` (in process, or over real sockets via a ``LoopbackServer``), then
/// checks every interaction was used and no request went unmatched.
public func withTestTransport<T: Sendable>(
    fixture: Fixture, target: TestTarget, matcher: RequestMatcher = .init(),
    _ body: (any HTTPTransport) async throws -> T
) async throws -> T {
    try await withTestTransport(fixture: fixture, target: target, matcher: matcher) { transport, _ in
        try await body(transport)
    }
}

/// Plays `fixture` back through `target` as the overload above does, also handing `body` the ``FixtureReplayer``
/// that answers: its ``FixtureReplayer/requests`` are what reached the "service", on
/// either target (over loopback with the loopback host in their URLs).
///
/// ```swift
/// @Test(arguments: TestTarget.allCases)
/// func sendsBasicToTheTokenEndpoint(target: TestTarget) async throws {
///     try await withTestTransport(fixture: .named("admin-basic", in: .module), target: target) { transport, replayer in
///         _ = try await client(transport).verify(image: image)
///         #expect(replayer.requests[1].headers["Authorization"]?.hasPrefix("Basic ") == true)
///     }
/// }
/// ```
public func withTestTransport<T: Sendable>(
    fixture: Fixture, target: TestTarget, matcher: RequestMatcher = .init(),
    _ body: (any HTTPTransport, FixtureReplayer) async throws -> T
) async throws -> T {
    switch target {
    case .fixture:
        let transport = FixtureTransport(fixture: fixture, matcher: matcher)
        let result = try await body(transport, transport.replayer)
        try transport.assertAllUsed()
        return result
    case .loopback:
        let server = try await LoopbackServer(fixture: fixture, matcher: matcher)
        guard let replayer = server.fixtureReplayer else {
            await server.shutdown()
            throw FixtureError(message: "the loopback server for \(fixture.name) has no fixture replayer")
        }
        let result: T
        do {
            result = try await body(RedirectingTransport(to: server.baseURL), replayer)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        try replayer.assertAllUsed()
        return result
    }
}
