import AzureKitCore

/// A snapshot of a job's tasks: the task counts of Get Task Counts, or of a local run.
public typealias TaskProgress = TaskCounts

extension TaskCounts: CustomStringConvertible {
    /// Tasks exist and none is waiting or running.
    public var isComplete: Bool { total > 0 && active == 0 && running == 0 }

    public var description: String {
        "\(completed)/\(total) completed (\(succeeded) succeeded, \(failed) failed), \(running) running, \(active) waiting"
    }
}

/// How often progress is polled.
public struct TaskProgressOptions: Sendable {
    /// The mean time between polls.
    public var interval: Duration
    /// Each wait is `interval` scaled by a random factor in `1 ± jitter`, so many watchers do not poll in step.
    public var jitter: Double
    /// Yield every poll, not only changes.
    public var yieldsUnchanged: Bool
    /// Time, waits and jitter; tests inject a virtual clock so they never wait.
    public var clock: AzureClock

    public init(
        interval: Duration = .seconds(10), jitter: Double = 0.2, yieldsUnchanged: Bool = false,
        clock: AzureClock = .continuous
    ) {
        self.interval = interval
        self.jitter = min(max(jitter, 0), 0.9)
        self.yieldsUnchanged = yieldsUnchanged
        self.clock = clock
    }

    func nextDelay() -> Duration {
        interval * (1 - jitter + 2 * jitter * clock.random())
    }
}
