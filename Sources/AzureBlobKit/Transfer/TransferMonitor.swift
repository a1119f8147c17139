import Foundation

/// Live bookkeeping for one or more transfers: bytes held in memory for requests in flight, their peak, and
/// bytes completed. Pass one in ``BlobUploadOptions`` or ``BlobDownloadOptions`` to observe a transfer.
///
/// The engine reserves a block's bytes before it is read or requested and releases them once the block is
/// committed, written to disk or handed to the consumer, so ``peakBytesInFlight`` is at most
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

    func release(_ bytes: Int, completed done: Bool = true) {
        lock.withLock {
            inFlight -= bytes
            if done { completed += Int64(bytes) }
        }
    }
}
