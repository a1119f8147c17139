import Foundation

/// A fixed set of threads running submitted jobs in FIFO order, for bzip2 block decoding.
///
/// Threads start lazily on the first job and exit once the pool is deallocated (they keep only the shared
/// queue alive, never the pool). Jobs publish results through `complete(_:)`; callers wait with `wait(until:)`.
final class WorkerPool: @unchecked Sendable {
    /// The state worker threads share; guarded by `condition`.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [@Sendable () -> Void] = []
        var shutdown = false

        func run() {
            while true {
                condition.lock()
                while jobs.isEmpty && !shutdown { condition.wait() }
                if jobs.isEmpty {
                    condition.unlock()
                    return
                }
                let job = jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
    }

    private let queue = Queue()
    private var started = false
    let threadCount: Int

    init(threads: Int) { threadCount = max(1, threads) }

    deinit {
        queue.condition.lock()
        queue.shutdown = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        queue.condition.lock()
        if !started {
            started = true
            for index in 0..<threadCount {
                let thread = Thread { [queue] in queue.run() }
                thread.name = "bzip2-worker-\(index)"
                thread.start()
            }
        }
        queue.jobs.append(job)
        queue.condition.signal()
        queue.condition.unlock()
    }

    /// Runs `body` under the pool's lock and wakes every waiter (used by jobs to publish results).
    func complete(_ body: () -> Void) {
        queue.condition.lock()
        body()
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    /// Blocks until `predicate` (evaluated under the pool's lock) holds.
    func wait(until predicate: () -> Bool) {
        queue.condition.lock()
        while !predicate() { queue.condition.wait() }
        queue.condition.unlock()
    }
}
