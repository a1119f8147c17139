import AzureKitCore

/// Options shared by ``BlobServiceClient``, ``BlobContainerClient`` and ``BlobClient``.
///
/// ```swift
/// var options = BlobClientOptions()
/// options.core.retry = .init(maxRetries: 5)
/// options.transfer = .init(blockSize: 8 << 20, maxConcurrency: 8)
/// ```
public struct BlobClientOptions: Sendable {
    /// Sent as `x-ms-version` on every request.
    public var apiVersion: BlobAPIVersion
    /// Retry, logging, transport and timeouts (the shared runtime's options).
    public var core: ServiceClientOptions
    /// Defaults for uploads and downloads; each call may override them.
    public var transfer: BlobTransferOptions

    public init(
        apiVersion: BlobAPIVersion = .latest, core: ServiceClientOptions = .init(),
        transfer: BlobTransferOptions = .init()
    ) {
        self.apiVersion = apiVersion
        self.core = core
        self.transfer = transfer
    }
}
