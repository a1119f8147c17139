import Foundation

/// Decompression running ahead of the CSV reader with a fixed memory footprint.
///
/// An input task reads compressed bytes into a few recycled input buffers; a thread of its own runs the decoder
/// over them and copies what it emits into a few recycled output buffers; the reader copies from those into its
/// chunks. Every hand-off is a bounded ``HandoffQueue``, so memory is `inputBuffers × inputBlockSize +
/// outputBuffers × outputBufferSize` plus the decoder's own state, whatever the input size or how far the
/// decoder gets ahead in one call (a parallel bzip2 run emits a dozen blocks, 10 MB or more, from one `write`:
/// queued as arrays, those runs were most of this path's peak RSS). The decoder waits on a plain thread, not on
/// a task, because it must block inside the decoder's synchronous output callback when the reader falls behind.
final class DecodeAhead: @unchecked Sendable {
    enum Piece: Sendable {
        case bytes(ChunkBuffer, count: Int)
        case end
        case failure(any Error)
    }

    /// Output buffer size: the reader's compressed-input chunk size, so one buffer fills about one chunk.
    static let outputBufferSize = 1 << 20
    static let outputBufferCount = 2
    static let inputBufferCount = 3

    let filledOutput: HandoffQueue<Piece>
    let freeOutput: HandoffQueue<ChunkBuffer>
    let filledInput: HandoffQueue<Piece>
    let freeInput: HandoffQueue<ChunkBuffer>

    private init(inputBlockSize: Int) {
        filledOutput = HandoffQueue(capacity: Self.outputBufferCount + 1)
        freeOutput = HandoffQueue(
            capacity: Self.outputBufferCount,
            initial: (0..<Self.outputBufferCount).map { _ in ChunkBuffer(capacity: Self.outputBufferSize) })
        filledInput = HandoffQueue(capacity: Self.inputBufferCount + 1)
        freeInput = HandoffQueue(
            capacity: Self.inputBufferCount,
            initial: (0..<Self.inputBufferCount).map { _ in ChunkBuffer(capacity: inputBlockSize) })
    }

    /// Starts reading `base` and decoding it with `transform`; the returned handle stops both when released.
    /// - Parameter format: the format name, for errors the decoder throws that are not already typed.
    static func start<Base: ByteReader>(
        base: Base, transform: any ByteTransform, inputBlockSize: Int, name: String, format: String
    ) -> DecodeAheadHandle {
        let queues = DecodeAhead(inputBlockSize: inputBlockSize)
        let parts = DecodeAheadParts(base: base, transform: transform)
        let task = Task { await queues.readInput(parts.base) }
        let thread = Thread {
            queues.decode(parts.transform, name: name, format: format)
        }
        thread.name = "decode-ahead"
        thread.start()
        return DecodeAheadHandle(queues: queues, task: task)
    }

    /// The input task: fills free input buffers from `base` until its end, a read error or cancellation.
    private func readInput<Base: ByteReader>(_ base: Base) async {
        var base = base
        while let buffer = await freeInput.receive() {
            do {
                let count = try await base.read(into: buffer.writable(from: 0))
                guard count > 0 else {
                    _ = await filledInput.send(.end)
                    return
                }
                guard await filledInput.send(.bytes(buffer, count: count)) else { return }
            } catch {
                _ = await filledInput.send(.failure(error))
                return
            }
        }
    }

    /// The decoding thread: runs `transform` over the input buffers until the end, an error or cancellation.
    private func decode(_ transform: any ByteTransform, name: String, format: String) {
        var transform = transform
        var output = OutputFill(queues: self)
        do {
            while let input = filledInput.receiveBlocking() {
                switch input {
                case .bytes(let buffer, let count):
                    try transform.write(UnsafeRawBufferPointer(start: buffer.base, count: count)) {
                        try output.append($0)
                    }
                    guard freeInput.sendBlocking(buffer) else { return }
                case .end:
                    try transform.finish { try output.append($0) }
                    try output.flush()
                    _ = filledOutput.sendBlocking(.end)
                    return
                case .failure(let error):
                    _ = filledOutput.sendBlocking(.failure(error))
                    return
                }
            }
        } catch is DecodeAheadStopped {
            return
        } catch let error as AggregationError {
            _ = filledOutput.sendBlocking(.failure(error))
        } catch {
            _ = filledOutput.sendBlocking(
                .failure(AggregationError(.corruptCompressedInput, file: name, message: "\(format): \(error)")))
        }
    }
}

/// The reader has gone away (the queues were cancelled): the decoding thread stops.
private struct DecodeAheadStopped: Error {}

/// The output buffer the decoding thread is filling.
private struct OutputFill {
    let queues: DecodeAhead
    private var buffer: ChunkBuffer?
    private var filled = 0

    init(queues: DecodeAhead) { self.queues = queues }

    /// Copies `bytes` into output buffers, handing each over when full (and waiting for a free one).
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            if buffer == nil {
                guard let free = queues.freeOutput.receiveBlocking() else { throw DecodeAheadStopped() }
                buffer = free
                filled = 0
            }
            guard let target = buffer else { return }
            let count = min(remaining, target.capacity - filled)
            (target.base + filled).copyMemory(from: source, byteCount: count)
            filled += count
            source += count
            remaining -= count
            if filled == target.capacity { try flush() }
        }
    }

    /// Hands over the buffer being filled, if it holds anything.
    mutating func flush() throws {
        guard let target = buffer, filled > 0 else { return }
        buffer = nil
        guard queues.filledOutput.sendBlocking(.bytes(target, count: filled)) else { throw DecodeAheadStopped() }
    }
}

/// Owned by the reader alone: when the reader goes away, the input task and the decoding thread stop.
final class DecodeAheadHandle: @unchecked Sendable {
    let queues: DecodeAhead
    private let task: Task<Void, Never>

    init(queues: DecodeAhead, task: Task<Void, Never>) {
        self.queues = queues
        self.task = task
    }

    deinit {
        queues.filledOutput.cancel()
        queues.freeOutput.cancel()
        queues.filledInput.cancel()
        queues.freeInput.cancel()
        task.cancel()
    }
}

/// Moves the (non-Sendable) base reader into the input task and the decoder into the decoding thread; nothing
/// else touches them afterwards.
struct DecodeAheadParts<Base: ByteReader>: @unchecked Sendable {
    var base: Base
    var transform: any ByteTransform
}
