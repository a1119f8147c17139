import Dispatch

/// Runs the iterations of a loop on up to a given number of threads, each thread taking the next iteration when it
/// is done with one (iterations of uneven cost, like the column chunks of a row group, balance themselves).
enum ParallelLoop {
    /// Calls `body` once for each of `0..<count`, in no particular order; returns when all have returned. With
    /// `threads` ≤ 1 the calls are made in order on the caller's thread.
    static func run(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard threads > 1, count > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while let index = next.take(below: count) { body(index) }
        }
    }

    /// The next iteration to hand out; a serial queue keeps it consistent (a few dozen takes per loop).
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let queue = DispatchQueue(label: "ParquetKit.ParallelLoop")

        func take(below count: Int) -> Int? {
            queue.sync {
                guard value < count else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }
}
