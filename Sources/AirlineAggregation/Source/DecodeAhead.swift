import Foundation

/// A bounded hand-off of decompressed chunks from the decoding task to the reader.
///
/// Decoding runs ahead of parsing so that the bzip2 worker threads stay busy while the reader hands chunks to the
/// parsing workers; the bound (a few chunks) keeps memory fixed whatever the input size. Both sides wait with
/// continuations, never by blocking a thread.
final class DecodeAheadChannel: @unchecked Sendable {
    enum Item {
        case chunk([UInt8])
        case failure(any Error)
        case end
    }

    // Guarded by `lock`: queued items and the one waiting consumer or producer.
    private let lock = NSLock()
    private var items: [Item] = []
    private var consumer: CheckedContinuation<Item, Never>?
    private var producer: CheckedContinuation<Bool, Never>?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Queues `item`, waiting while the channel is full. Returns false once the reader has gone away.
    func send(_ item: Item) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            lock.lock()
            if cancelled {
                lock.unlock()
                continuation.resume(returning: false)
            } else if let waiting = consumer {
                consumer = nil
                lock.unlock()
                waiting.resume(returning: item)
                continuation.resume(returning: true)
            } else if items.count < capacity {
                items.append(item)
                lock.unlock()
                continuation.resume(returning: true)
            } else {
                items.append(item)
                producer = continuation
                lock.unlock()
            }
        }
    }

    /// The next item, waiting while the channel is empty.
    func receive() async -> Item {
        await withCheckedContinuation { (continuation: CheckedContinuation<Item, Never>) in
            lock.lock()
            if items.isEmpty {
                consumer = continuation
                lock.unlock()
                return
            }
            let item = items.removeFirst()
            let waitingProducer = items.count < capacity ? producer : nil
            if waitingProducer != nil { producer = nil }
            lock.unlock()
            waitingProducer?.resume(returning: true)
            continuation.resume(returning: item)
        }
    }

    /// The reader is gone: let a waiting producer stop.
    func cancel() {
        lock.lock()
        cancelled = true
        items.removeAll()
        let waitingProducer = producer
        producer = nil
        lock.unlock()
        waitingProducer?.resume(returning: false)
    }
}

/// Owns the decoding task; when the reader that holds it goes away, decoding stops.
final class DecodeAheadHandle: @unchecked Sendable {
    let channel: DecodeAheadChannel
    private let task: Task<Void, Never>

    init(channel: DecodeAheadChannel, task: Task<Void, Never>) {
        self.channel = channel
        self.task = task
    }

    deinit {
        channel.cancel()
        task.cancel()
    }
}

/// Moves the (non-Sendable) base reader and decoder into the decoding task; the reader never touches them again.
struct DecodeAheadParts<Base: ByteReader>: @unchecked Sendable {
    var base: Base
    var transform: any ByteTransform
}
