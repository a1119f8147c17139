/// Which part of a blob to download, under which conditions, and how.
public struct BlobDownloadOptions: Sendable {
    /// First byte to read.
    public var offset: Int64
    /// Bytes to read from `offset`; `nil` reads to the end.
    public var length: Int64?
    /// `ifMatch` pins the version; without it the first response's ETag pins the rest of the download.
    public var conditions: BlobRequestConditions
    /// Overrides the client's ``BlobClientOptions/transfer`` for this call.
    public var transfer: BlobTransferOptions?
    public var monitor: TransferMonitor?

    public init(
        offset: Int64 = 0, length: Int64? = nil, conditions: BlobRequestConditions = .none,
        transfer: BlobTransferOptions? = nil, monitor: TransferMonitor? = nil
    ) {
        self.offset = offset
        self.length = length
        self.conditions = conditions
        self.transfer = transfer
        self.monitor = monitor
    }
}
