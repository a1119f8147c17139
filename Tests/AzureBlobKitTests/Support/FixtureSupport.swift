import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

/// Loads a recorded exchange from `Fixtures/` and builds clients that replay it.
struct Replay {
    let transport: FixtureTransport

    init(_ name: String) throws {
        transport = FixtureTransport(fixture: try Fixture.named(name, in: .module))
    }

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

    func done() throws { try transport.assertAllUsed() }
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
