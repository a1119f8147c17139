import Dispatch
import Foundation

/// Decodes several blocks at once on worker threads, then commits them in stream order.
///
/// Candidate block starts come from `Bzip2BlockScanner`. Only a candidate that begins exactly where the previous
/// committed block ended is trusted, so a false magic match inside compressed data is simply never reached; a
/// trusted candidate whose speculative decode failed is decoded again sequentially (with the right stream
/// parameters) before any error is reported. Each decoder reads past its candidate until its own end-of-block
/// symbol, so a false match that splits a real block does not truncate it.
final class Bzip2ParallelBatch: @unchecked Sendable {
    typealias Outcome = Result<Bzip2BlockResult, Bzip2BlockFailure>

    let workers: Int
    let slotCount: Int
    private let decoders: [Bzip2BlockDecoder]
    /// One outcome per slot; each slot is written by exactly one worker per batch.
    private let outcomes: UnsafeMutablePointer<Outcome?>
    private var candidates: [Int] = []
    private let lock = NSLock()
    /// The next slot a worker claims; guarded by `lock`.
    private var nextSlot = 0

    init(workers: Int) {
        self.workers = workers
        slotCount = workers * 2
        decoders = (0..<slotCount).map { _ in Bzip2BlockDecoder() }
        outcomes = .allocate(capacity: slotCount)
        outcomes.initialize(repeating: nil, count: slotCount)
    }

    deinit {
        outcomes.deinitialize(count: slotCount)
        outcomes.deallocate()
    }

    /// Decodes and commits blocks starting at `fromBit` (a trusted block or end-of-stream position).
    /// Returns the bit offset after the last committed item, or nil if nothing could be committed yet.
    func run(
        _ data: UnsafeRawBufferPointer, fromBit: Int, base: Int, final: Bool, stream: Bzip2StreamDecoder,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int? {
        candidates.removeAll(keepingCapacity: true)
        candidates.append(fromBit)
        let limitByte = final ? data.count : data.count - Bzip2StreamDecoder.minimumLookahead
        Bzip2BlockScanner.scan(data, fromBit: fromBit + 1, limitByte: limitByte, maxCount: slotCount, into: &candidates)
        decodeConcurrently(data, maxBlockSize: stream.maxBlockSize)

        var cursor = fromBit
        for slot in 0..<candidates.count {
            let start = candidates[slot]
            if start < cursor { continue }  // a false match inside a block already committed
            if start > cursor { break }     // the next item was not scanned (e.g. end of stream): next round
            switch outcomes[slot] {
            case .success(let result)?:
                cursor = try stream.commit(
                    result, block: decoders[slot].outputBuffer, base: base, startBit: start, output: output)
                if result.isEndOfStream { return cursor }
            case .failure(.underflow)? where !final:
                return cursor == fromBit ? nil : cursor
            default:
                guard let next = try stream.decodeOne(data, at: cursor, base: base, final: final, output: output) else {
                    return cursor == fromBit ? nil : cursor
                }
                cursor = next
                if stream.phase == .streamHeader { return cursor }
            }
        }
        return cursor
    }

    private func decodeConcurrently(_ data: UnsafeRawBufferPointer, maxBlockSize: Int) {
        let count = candidates.count
        let input = SendableBuffer(buffer: data)
        let starts = candidates
        nextSlot = 0
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while true {
                lock.lock()
                let slot = nextSlot
                nextSlot += 1
                lock.unlock()
                guard slot < count else { return }
                let decoder = decoders[slot]
                outcomes[slot] = Outcome { () throws(Bzip2BlockFailure) -> Bzip2BlockResult in
                    try decoder.decode(input.buffer, bitOffset: starts[slot], maxBlockSize: maxBlockSize)
                }
            }
        }
    }
}

/// A read-only view of input bytes shared with worker threads for the duration of one batch.
struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
}
