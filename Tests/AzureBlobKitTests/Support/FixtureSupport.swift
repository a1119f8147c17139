import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

/// A recorded exchange from `Fixtures/` and clients that replay it. ``run(_:target:_:)`` plays it through
/// AzureKitTesting's one-body helper (`withTestTransport`), in process or over loopback sockets, and checks that
/// every interaction was used.
struct Replay {
    let transport: any HTTPTransport
    let replayer: FixtureReplayer

    /// Plays fixture `name` through `target` for `body`; every recorded interaction must be used.
    static func run<T: Sendable>(_ name: String, target: TestTarget, _ body: (Replay) async throws -> T)
        async throws -> T
    {
        try await withTestTransport(fixture: .named(name, in: .module), target: target) { transport, replayer in
            try await body(Replay(transport: transport, replayer: replayer))
        }
    }

    /// Fixture `name` in process, for a test that leaves interactions unused on purpose (a failure stops early).
    static func inProcess(_ name: String) throws -> Replay {
        let transport = FixtureTransport(fixture: try .named(name, in: .module))
        return Replay(transport: transport, replayer: transport.replayer)
    }

    /// What reached the "service", in order.
    var requests: [HTTPRequest] { replayer.requests }

    /// Options that replay the fixture and never sleep between retries.
    func options(transfer: BlobTransferOptions = .init()) -> BlobClientOptions {
        BlobClientOptions(
            core: .init(retry: .init(maxRetries: 3, clock: AzureClock(sleep: { _ in })), transport: transport),
            transfer: transfer)
    }

    func service(credential: ServiceCredential = .anonymous) throws -> BlobServiceClient {
        try BlobServiceClient(
            endpoint: URL(string: "https://devacct.blob.core.windows.net")!, credential: credential,
            options: options())
    }

    func blob(_ url: String, credential: ServiceCredential? = .anonymous, transfer: BlobTransferOptions = .init())
        throws -> BlobClient
    {
        try BlobClient(url: url, credential: credential, options: options(transfer: transfer))
    }
}

/// Expects `body` to throw an ``AzureServiceError`` and returns it.
func expectServiceError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async throws
    -> AzureServiceError
{
    do {
        try await body()
    } catch let error as AzureServiceError {
        return error
    }
    Issue.record("expected an AzureServiceError", sourceLocation: sourceLocation)
    throw CancellationError()
}
