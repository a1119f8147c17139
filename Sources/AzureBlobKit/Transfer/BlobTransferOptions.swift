import AzureKitCore

/// How uploads and downloads are split and checked.
///
/// Memory is bounded by `maxConcurrency × blockSize` for staged uploads and ranged downloads (a one-shot
/// upload holds up to `singleShotLimit`). Downloads that validate checksums use ranges of at most 4 MiB,
/// the largest range the service returns a checksum for.
///
/// ```swift
/// let options = BlobTransferOptions(blockSize: 8 << 20, maxConcurrency: 8, checksum: .crc64)
/// ```
public struct BlobTransferOptions: Sendable, Hashable {
    /// Bytes per Put Block, and per ranged GET when not validating (at most 4000 MiB).
    public var blockSize: Int
    /// Requests in flight at once for one transfer.
    public var maxConcurrency: Int
    /// Uploads of at most this many bytes are a single Put Blob (at most 5000 MiB).
    public var singleShotLimit: Int
    /// The per-request checksum sent on uploads and requested on downloads.
    public var checksum: TransferChecksum

    public init(
        blockSize: Int = 8 << 20, maxConcurrency: Int = 4, singleShotLimit: Int = 8 << 20,
        checksum: TransferChecksum = .crc64
    ) {
        self.blockSize = blockSize
        self.maxConcurrency = maxConcurrency
        self.singleShotLimit = singleShotLimit
        self.checksum = checksum
    }

    /// The largest block the service accepts (2019-12-12 and later).
    public static let maxBlockSize = 4000 << 20
    /// The largest single Put Blob.
    public static let maxSingleShot = 5000 << 20
    /// At most this many committed blocks per blob.
    public static let maxBlocks = 50_000

    /// The range length for downloads: the block size, capped at 4 MiB when a checksum is requested.
    var downloadRangeSize: Int {
        checksum.rangeRequestHeader == nil ? blockSize : min(blockSize, TransferChecksum.maxValidatedRange)
    }

    func validated() throws -> BlobTransferOptions {
        guard (1...Self.maxBlockSize).contains(blockSize) else {
            throw AzureClientError.invalidOption("blockSize \(blockSize) is outside 1…\(Self.maxBlockSize)")
        }
        guard maxConcurrency >= 1 else {
            throw AzureClientError.invalidOption("maxConcurrency \(maxConcurrency) is below 1")
        }
        guard (0...Self.maxSingleShot).contains(singleShotLimit) else {
            throw AzureClientError.invalidOption(
                "singleShotLimit \(singleShotLimit) is outside 0…\(Self.maxSingleShot)")
        }
        return self
    }
}
