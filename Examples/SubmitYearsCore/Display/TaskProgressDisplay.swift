import AirlineAnalyticsCore
import AzureBatchKit

/// The progress display shared by the local runner and Azure Batch: one line whenever the counts change.
///
/// `[0:42] 8 tasks: 0 waiting, 2 running, 6 done (5 succeeded, 1 failed)`
public struct TaskProgressDisplay: Sendable {
    public let console: Console

    public init(console: Console) { self.console = console }

    public static func line(_ progress: TaskProgress, elapsed: Double) -> String {
        "[\(ProgressSnapshot.clockText(elapsed))] \(plural(progress.total, "task")): \(progress.active) waiting, \(progress.running) running, "
            + "\(progress.completed) done (\(progress.succeeded) succeeded, \(progress.failed) failed)"
    }

    /// Prints each change of `sequence` until every task is complete, `until` says the job is done anyway (a task
    /// graph whose last task is blocked), or the sequence ends; returns the last counts. `deadline` is checked on
    /// every poll.
    public func follow<Progress: AsyncSequence>(
        _ sequence: Progress, clock: ContinuousClock = ContinuousClock(),
        started: ContinuousClock.Instant, timeout: Duration? = nil,
        jobID: String, until done: (TaskProgress) -> Bool = { $0.isComplete }
    ) async throws -> TaskProgress? where Progress.Element == TaskProgress {
        var last: TaskProgress?
        for try await progress in sequence {
            let elapsed = clock.now - started
            if progress != last { console.line(Self.line(progress, elapsed: elapsed.seconds)) }
            last = progress
            if done(progress) { break }
            if let timeout, elapsed > timeout {
                throw SubmitYearsFailure(
                    "tasks of job \(jobID) did not all complete within \(timeout.components.seconds) s; last seen: \(progress)"
                )
            }
        }
        return last
    }
}

extension Duration {
    /// Seconds as a `Double`.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
