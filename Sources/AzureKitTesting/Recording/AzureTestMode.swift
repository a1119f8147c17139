import Foundation

/// How tests reach the service, from `AZURE_TEST_MODE`: `playback` (default: recorded fixtures, no network),
/// `record` (live calls, fixtures rewritten with secrets stripped) or `live` (live calls, nothing written).
///
/// ```sh
/// AZURE_TEST_MODE=record swift test --filter AzureBlobKitTests
/// ```
public enum AzureTestMode: String, Sendable, CaseIterable {
    case playback, record, live

    /// The environment variable that selects the mode.
    public static let environmentVariable = "AZURE_TEST_MODE"

    /// The mode `environment` selects.
    /// - Throws: ``FixtureError`` naming the value when it is not `playback`, `record` or `live`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AzureTestMode
    {
        guard let raw = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces).lowercased(),
            !raw.isEmpty
        else {
            return .playback
        }
        guard let mode = AzureTestMode(rawValue: raw) else {
            throw FixtureError(message: "\(environmentVariable)='\(raw)' is not one of playback, record, live")
        }
        return mode
    }

    /// The current mode; an unrecognised value falls back to `playback` (``fromEnvironment(_:)`` reports it).
    public static var current: AzureTestMode { (try? fromEnvironment()) ?? .playback }

    /// Whether tests in this mode talk to Azure.
    public var usesNetwork: Bool { self != .playback }
}

/// Where one test body runs in playback: straight against the fixture in process, or over real sockets against
/// a ``LoopbackServer`` serving the same fixture (so the URLSession transport, keep-alive and header handling are
/// exercised too). The same test body runs both ways:
///
/// ```swift
/// @Test(arguments: TestTarget.all)
/// func createsPool(target: TestTarget) async throws {
///     try await withTestTransport(fixture: "create-pool", in: fixtures, target: target) { transport in
///         let batch = try BatchClient(endpoint: endpoint, credential: key, options: .init(transport: transport))
///         try await batch.createPool(pool)
///     }
/// }
/// ```
public enum TestTarget: String, Sendable, CaseIterable {
    /// ``FixtureTransport``, in process.
    case fixture
    /// URLSession over 127.0.0.1 to a ``LoopbackServer`` serving the fixture.
    case loopback

    /// Both targets in playback; only `.fixture` when recording or live, so the service is called once.
    public static var all: [TestTarget] { AzureTestMode.current == .playback ? [.fixture, .loopback] : [.fixture] }
}

/// The `Fixtures` folder next to the calling test file (`#filePath`), where fixtures are read and recorded.
///
/// ```swift
/// let fixtures = fixturesDirectory()        // Tests/AzureBlobKitTests/Fixtures
/// ```
public func fixturesDirectory(_ filePath: StaticString = #filePath, subdirectory: String = "Fixtures") -> URL {
    URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent().appendingPathComponent(
        subdirectory, isDirectory: true)
}
