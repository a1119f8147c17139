import Foundation

/// Live bookkeeping for one or more transfers: bytes the engine holds in memory for requests in flight, their
/// peak, and bytes completed. Pass one in ``BlobUploadOptions`` or ``BlobDownloadOptions`` to observe a transfer.
///
/// The engine reserves memory before a block is read or a range requested and releases it once the block is
/// committed, written or handed to the consumer. A block of in-memory bytes or of a one-shot sequence, and a
/// range of ``BlobClient/downloadStream(options:logger:)``, is held whole; a block of a file and a range written
/// to a file or into ``BlobClient/downloadData(options:logger:)``'s result streams through one
/// ``AzureKitCore/HTTPBody/chunkSize`` piece at a time. Either way ``peakBytesInFlight`` is at most
/// `maxConcurrency × blockSize`.
///
/// ```swift
/// let monitor = TransferMonitor()
/// try await blob.upload(file: path, options: .init(monitor: monitor))
/// print(monitor.peakBytesInFlight, monitor.bytesCompleted)
/// ```
public final class TransferMonitor: @unchecked Sendable {
    // Guarded by `lock`: counters updated from concurrent block tasks.
    private let lock = NSLock()
    private var inFlight = 0
    private var peak = 0
    private var completed: Int64 = 0
    private var requests = 0

    public init() {}

    /// Bytes currently held for requests in flight.
    public var bytesInFlight: Int { lock.withLock { inFlight } }
    /// The most bytes ever held at once.
    public var peakBytesInFlight: Int { lock.withLock { peak } }
    /// Bytes uploaded or downloaded so far.
    public var bytesCompleted: Int64 { lock.withLock { completed } }
    /// Block and range requests started (retries inside the pipeline are not counted).
    public var requestCount: Int { lock.withLock { requests } }

    func reserve(_ bytes: Int) {
        lock.withLock {
            inFlight += bytes
            requests += 1
            peak = max(peak, inFlight)
        }
    }

    /// Returns `held` bytes of memory and counts `done` bytes as transferred.
    func release(_ held: Int, completing done: Int) {
        lock.withLock {
            inFlight -= held
            completed += Int64(done)
        }
    }

    /// Returns `bytes` of memory, counting them as transferred unless the request failed.
    func release(_ bytes: Int, completed done: Bool = true) { release(bytes, completing: done ? bytes : 0) }
}
