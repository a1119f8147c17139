import Foundation

/// A task executor that runs jobs on the thread that calls ``run(until:)``: the loopback server's connection
/// thread.
///
/// Handlers then never wait for a cooperative-pool thread. On a 2-core machine the pool has two threads, and
/// a test suite running CPU-heavy tests in parallel can keep both busy for seconds; a handler queued behind
/// them would answer late and make clients time out for reasons that have nothing to do with the code under
/// test.
@available(macOS 15.0, *)
final class ConnectionThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Guarded by `condition`: jobs waiting to run on the connection thread.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var wakeups = 0

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.withLock {
            jobs.append(unowned)
            condition.signal()
        }
    }

    /// Wakes ``run(until:)`` so it re-checks its condition.
    func wake() {
        condition.withLock {
            wakeups += 1
            condition.signal()
        }
    }

    /// Runs enqueued jobs on the calling thread until `done` returns true.
    func run(until done: () -> Bool) {
        while true {
            condition.lock()
            while jobs.isEmpty && wakeups == 0 && !done() { condition.wait() }
            wakeups = 0
            if jobs.isEmpty {
                condition.unlock()
                if done() { return }
                continue
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
