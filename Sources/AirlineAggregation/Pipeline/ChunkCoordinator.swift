/// A run of whole records in a buffer, ready for a worker.
struct Chunk: Sendable {
    var index: Int
    var buffer: ChunkBuffer
    var start: Int
    var count: Int
    /// Offset of `start` in the whole (decompressed) input.
    var inputOffset: Int
    /// Cut at its last newline without checking for quotes: valid only if no chunk so far held a quote byte.
    /// The worker fails it with ``ChunkFailure/speculationFailed`` as soon as it sees one.
    var speculative = false
}

/// A failure with its position: the chunk it happened in and the newlines before it inside that chunk.
struct LocatedFailure: Sendable {
    var chunkIndex: Int
    var newlinesBefore: Int
    var inputOffset: Int?
    var kind: AggregationError.Kind
    var column: String?
    var message: String
}

/// Hands chunks from the reader to the workers and buffers back, with bounded memory (a fixed set of buffers),
/// and records per-chunk newline counts so a failure can be reported with its line number.
///
/// After a failure in chunk k, chunks after k are dropped unread but chunks before k still run, so the
/// first failure in input order wins and its line number is exact.
actor ChunkCoordinator {
    private var freeBuffers: [ChunkBuffer] = []
    /// Buffers are allocated on first use, up to `bufferCount`, so a small input never touches them all.
    private var allocatedBuffers = 0
    private let bufferCount: Int
    private var bufferSize: Int
    private var bufferWaiters: [CheckedContinuation<ChunkBuffer?, Never>] = []
    private var ready: [Chunk] = []
    private var readyHead = 0
    private var chunkWaiters: [CheckedContinuation<Chunk?, Never>] = []
    private var closed = false
    private var newlineCounts: [Int: Int] = [:]
    private(set) var failures: [LocatedFailure] = []
    private(set) var stopIndex = Int.max

    init(bufferCount: Int, bufferSize: Int) {
        self.bufferCount = bufferCount
        self.bufferSize = bufferSize
    }

    /// The size of buffers allocated from now on (decompressed input is handed over in smaller chunks: the
    /// decoder, not the parser, sets the pace, and memory stays low).
    func useBufferSize(_ size: Int) { bufferSize = size }

    // MARK: Reader side

    /// A free buffer, or nil once the run has failed (the reader then stops).
    func takeBuffer() async -> ChunkBuffer? {
        if stopIndex != .max { return nil }
        if let buffer = freeBuffers.popLast() { return buffer }
        if allocatedBuffers < bufferCount {
            allocatedBuffers += 1
            return ChunkBuffer(capacity: bufferSize)
        }
        return await withCheckedContinuation { bufferWaiters.append($0) }
    }

    func submit(_ chunk: Chunk) {
        if let waiter = chunkWaiters.first {
            chunkWaiters.removeFirst()
            waiter.resume(returning: chunk)
        } else {
            ready.append(chunk)
        }
    }

    /// No more chunks will come.
    func close() {
        closed = true
        for waiter in chunkWaiters { waiter.resume(returning: nil) }
        chunkWaiters.removeAll()
    }

    // MARK: Worker side

    /// The next chunk to parse, or nil when the reader is done. Chunks after a failure are skipped.
    func nextChunk() async -> Chunk? {
        while readyHead < ready.count {
            let chunk = ready[readyHead]
            readyHead += 1
            if readyHead > 64 {
                ready.removeFirst(readyHead)
                readyHead = 0
            }
            if chunk.index > stopIndex {
                release(chunk.buffer)
                continue
            }
            return chunk
        }
        if closed { return nil }
        return await withCheckedContinuation { chunkWaiters.append($0) }
    }

    func completed(_ chunk: Chunk, newlines: Int) {
        newlineCounts[chunk.index] = newlines
        release(chunk.buffer)
    }

    func release(_ buffer: ChunkBuffer) {
        if stopIndex == .max, let waiter = bufferWaiters.first {
            bufferWaiters.removeFirst()
            waiter.resume(returning: buffer)
        } else {
            freeBuffers.append(buffer)
        }
    }

    func fail(_ failure: LocatedFailure) {
        failures.append(failure)
        stopIndex = Swift.min(stopIndex, failure.chunkIndex)
        for waiter in bufferWaiters { waiter.resume(returning: nil) }
        bufferWaiters.removeAll()
    }

    /// Newlines in all chunks before `index` (all of which have completed when this is asked).
    func newlines(before index: Int) -> Int {
        newlineCounts.reduce(0) { $0 + ($1.key < index ? $1.value : 0) }
    }
}
