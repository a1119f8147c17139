/// Decodes bzip2 blocks ahead of the committer on worker threads, committing them strictly in stream order.
///
/// The caller's thread scans for candidate block starts (`Bzip2BlockScanner`) and keeps up to `slotCount`
/// candidates in flight; each worker decodes from its candidate until the block's own end-of-block symbol, so a
/// false magic match that splits a real block never truncates it. Only a candidate that begins exactly where the
/// previous committed block ended is trusted: false matches are simply never reached, and a trusted candidate
/// whose speculative decode failed is decoded again sequentially (with the right stream parameters) before any
/// error is reported. Stream boundaries (end-of-stream marker + next "BZh" header, as in pbzip2 output) are
/// crossed without draining the pipeline.
final class Bzip2BlockPipeline: @unchecked Sendable {
    typealias Outcome = Result<Bzip2BlockResult, Bzip2BlockFailure>

    let slotCount: Int
    /// One per slot: a slot's decoded bytes wait there until the block is committed.
    private let decoders: [Bzip2BlockDecoder]
    /// One per worker thread, lent to a job for the duration of its decode; guarded by the pool's lock.
    private var spareWorkspaces: [Bzip2BlockWorkspace]
    /// Per slot, published under the pool's lock by the worker that owns the slot.
    private let outcomes: UnsafeMutablePointer<Outcome?>
    private let finished: UnsafeMutablePointer<Bool>
    private let pool: WorkerPool

    init(workers: Int) {
        slotCount = workers * 2 + 1
        decoders = (0..<slotCount).map { _ in Bzip2BlockDecoder() }
        spareWorkspaces = (0..<workers).map { _ in Bzip2BlockWorkspace() }
        outcomes = .allocate(capacity: slotCount)
        outcomes.initialize(repeating: nil, count: slotCount)
        finished = .allocate(capacity: slotCount)
        finished.initialize(repeating: true, count: slotCount)
        pool = WorkerPool(threads: workers)
    }

    deinit {
        outcomes.deinitialize(count: slotCount)
        outcomes.deallocate()
        finished.deallocate()
    }

    /// Decodes and commits blocks starting at `fromBit` (a trusted block or end-of-stream position).
    /// Returns the bit offset after the last committed item, or nil if nothing could be committed yet.
    func run(
        _ data: UnsafeRawBufferPointer, fromBit: Int, base: Int, final: Bool, stream: Bzip2StreamDecoder,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int? {
        let limitByte = final ? data.count : data.count - Bzip2StreamDecoder.minimumLookahead
        let input = SendableBuffer(buffer: data)
        var inFlight: [(start: Int, slot: Int)] = []
        var freeSlots = Array((0..<slotCount).reversed())
        var nextScanBit = fromBit
        var scanExhausted = false
        var found: [Int] = []
        // Workers read `data`, which is only valid during this call: wait for all of them on every exit.
        defer { for job in inFlight { waitFor(job.slot) } }

        var cursor = fromBit
        while true {
            while !scanExhausted, let slot = freeSlots.last {
                found.removeAll(keepingCapacity: true)
                if nextScanBit == fromBit {
                    found.append(fromBit)
                } else {
                    Bzip2BlockScanner.scan(data, fromBit: nextScanBit, limitByte: limitByte, maxCount: 1, into: &found)
                }
                guard let start = found.first else {
                    scanExhausted = true
                    break
                }
                freeSlots.removeLast()
                nextScanBit = start + 1
                submit(slot: slot, start: start, input: input, maxBlockSize: stream.maxBlockSize)
                inFlight.append((start, slot))
            }
            // Candidates behind the cursor were false matches inside committed blocks.
            while let first = inFlight.first, first.start < cursor {
                waitFor(first.slot)
                inFlight.removeFirst()
                freeSlots.append(first.slot)
            }
            guard let job = inFlight.first, job.start == cursor else {
                // The next item was not scanned (an end-of-stream marker, or beyond the look-ahead limit).
                return cursor == fromBit ? nil : cursor
            }
            waitFor(job.slot)
            inFlight.removeFirst()
            freeSlots.append(job.slot)
            switch outcomes[job.slot] {
            case .success(let result)?:
                cursor = try stream.commit(
                    result, block: decoders[job.slot].outputBuffer, base: base, startBit: job.start, output: output)
                if result.isEndOfStream {
                    guard try stream.beginNextStream(data, atByte: cursor >> 3, base: base, final: final) else {
                        return cursor
                    }
                    cursor += 32
                }
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
    }

    private func submit(slot: Int, start: Int, input: SendableBuffer, maxBlockSize: Int) {
        finished[slot] = false
        let decoder = decoders[slot]
        pool.submit { [self] in
            // At most `workers` jobs run at once, so a workspace is always spare here.
            var borrowed: Bzip2BlockWorkspace?
            pool.wait {
                borrowed = spareWorkspaces.popLast()
                return borrowed != nil
            }
            let workspace = borrowed!
            let outcome = Outcome { () throws(Bzip2BlockFailure) -> Bzip2BlockResult in
                try decoder.decode(input.buffer, bitOffset: start, maxBlockSize: maxBlockSize, workspace: workspace)
            }
            pool.complete {
                spareWorkspaces.append(workspace)
                outcomes[slot] = outcome
                finished[slot] = true
            }
        }
    }

    private func waitFor(_ slot: Int) {
        pool.wait { finished[slot] }
    }
}

/// A read-only view of input bytes shared with worker threads while the submitting call waits for them.
struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
}
