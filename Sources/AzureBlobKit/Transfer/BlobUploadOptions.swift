/// What to store with an upload, when to refuse it, and how to split it.
///
/// ```swift
/// let options = BlobUploadOptions(contentType: "application/vnd.apache.parquet", metadata: ["year": "2007"],
///                                 conditions: .ifNotExists)
/// ```
public struct BlobUploadOptions: Sendable {
    /// Stored as the blob's content type (`x-ms-blob-content-type`).
    public var contentType: String?
    /// Stored as the blob's content encoding (`x-ms-blob-content-encoding`).
    public var contentEncoding: String?
    /// `x-ms-meta-*` (names must be valid C# identifiers; they come back lower-cased).
    public var metadata: [String: String]
    public var accessTier: AccessTier?
    /// `.ifNotExists` never overwrites; `.ifMatch(etag)` overwrites only that version.
    public var conditions: BlobRequestConditions
    /// Overrides the client's ``BlobClientOptions/transfer`` for this call.
    public var transfer: BlobTransferOptions?
    /// Observes memory in flight and progress.
    public var monitor: TransferMonitor?

    public init(
        contentType: String? = nil, contentEncoding: String? = nil, metadata: [String: String] = [:],
        accessTier: AccessTier? = nil, conditions: BlobRequestConditions = .none,
        transfer: BlobTransferOptions? = nil, monitor: TransferMonitor? = nil
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.metadata = metadata
        self.accessTier = accessTier
        self.conditions = conditions
        self.transfer = transfer
        self.monitor = monitor
    }
}
