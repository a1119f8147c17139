import Foundation

/// A bounded FIFO between a dedicated thread, which may block, and async tasks, which must not.
///
/// Each side waits in its own way: the thread on a condition variable (``sendBlocking(_:)``,
/// ``receiveBlocking()``), a task with a continuation (``send(_:)``, ``receive()``). Blocking a thread of the
/// cooperative pool on a task would deadlock a pool of one thread, so the thread here is always one of our own.
/// At most one async sender and one async receiver wait at a time (each queue has one producer and one consumer).
final class HandoffQueue<Item: Sendable>: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    /// A handful at most: removing from the front is cheap.
    private var items: [Item] = []
    private var cancelled = false
    private var waitingReceiver: CheckedContinuation<Item?, Never>?
    private var waitingSender: (continuation: CheckedContinuation<Bool, Never>, item: Item)?
    private let capacity: Int

    /// - Parameter initial: items queued from the start (e.g. the free buffers of a recycling queue).
    init(capacity: Int, initial: [Item] = []) {
        self.capacity = max(capacity, initial.count)
        items = initial
    }

    private var count: Int { items.count }

    /// Queues `item`, blocking the calling thread while the queue is full. False once ``cancel()`` was called.
    func sendBlocking(_ item: Item) -> Bool {
        condition.lock()
        while count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        let receiver = enqueueLocked(item)
        condition.unlock()
        receiver?.continuation.resume(returning: receiver?.item)
        return true
    }

    /// Queues `item`, suspending while the queue is full. False once ``cancel()`` was called.
    func send(_ item: Item) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            condition.lock()
            if cancelled {
                condition.unlock()
                continuation.resume(returning: false)
            } else if count < capacity {
                let receiver = enqueueLocked(item)
                condition.unlock()
                receiver?.continuation.resume(returning: receiver?.item)
                continuation.resume(returning: true)
            } else {
                precondition(waitingSender == nil, "one async sender at a time")
                waitingSender = (continuation, item)
                condition.unlock()
            }
        }
    }

    /// The next item, blocking the calling thread while the queue is empty; nil once ``cancel()`` was called.
    func receiveBlocking() -> Item? {
        condition.lock()
        while count == 0 && !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return nil
        }
        let (item, sender) = dequeueLocked()
        condition.unlock()
        sender?.resume(returning: true)
        return item
    }

    /// The next item, suspending while the queue is empty; nil once ``cancel()`` was called.
    func receive() async -> Item? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Item?, Never>) in
            condition.lock()
            if cancelled {
                condition.unlock()
                continuation.resume(returning: nil)
            } else if count > 0 {
                let (item, sender) = dequeueLocked()
                condition.unlock()
                sender?.resume(returning: true)
                continuation.resume(returning: item)
            } else {
                precondition(waitingReceiver == nil, "one async receiver at a time")
                waitingReceiver = continuation
                condition.unlock()
            }
        }
    }

    /// One side has gone away: every wait ends (sends return false, receives nil) and queued items are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        let sender = waitingSender
        let receiver = waitingReceiver
        waitingSender = nil
        waitingReceiver = nil
        condition.broadcast()
        condition.unlock()
        sender?.continuation.resume(returning: false)
        receiver?.resume(returning: nil)
    }

    /// Appends `item`, or hands it to the waiting async receiver (returned, to be resumed after unlocking).
    private func enqueueLocked(_ item: Item) -> (continuation: CheckedContinuation<Item?, Never>, item: Item)? {
        if let receiver = waitingReceiver {
            waitingReceiver = nil
            return (receiver, item)
        }
        items.append(item)
        condition.broadcast()
        return nil
    }

    /// Takes the first item and moves a waiting async sender's item in (its continuation is returned, to be
    /// resumed after unlocking).
    private func dequeueLocked() -> (Item, CheckedContinuation<Bool, Never>?) {
        let item = items.removeFirst()
        var resumed: CheckedContinuation<Bool, Never>?
        if let sender = waitingSender {
            waitingSender = nil
            items.append(sender.item)
            resumed = sender.continuation
        }
        condition.broadcast()
        return (item, resumed)
    }
}
