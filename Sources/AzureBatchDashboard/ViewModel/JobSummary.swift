import AzureBatchKit
import Foundation

/// The job in a few numbers: tasks by state, elapsed time, throughput and an estimate of the time left.
public struct JobSummary: Sendable, Hashable, Codable {
    public var total: Int
    public var active: Int
    public var running: Int
    public var completed: Int
    public var succeeded: Int
    public var failed: Int
    public var isComplete: Bool
    /// From the job's start (or first task start) to now, or to the last task end once complete.
    public var elapsedSeconds: Double
    /// Completed tasks per minute over the whole run.
    public var tasksPerMinute: Double
    /// Completed tasks per minute over the recent window (what the ETA uses), `nil` before any completion in it.
    public var recentTasksPerMinute: Double?
    /// Input megabytes (10⁶ bytes) per second of completed tasks that report their input size.
    public var inputMBPerSecond: Double?
    /// Seconds until every task has completed at the recent rate (else the overall rate); `0` when complete,
    /// `nil` before anything has completed.
    public var etaSeconds: Double?

    init(state: JobSnapshot, origin: Date, now: Date, window: TimeInterval) {
        let counts = state.counts
        total = counts.total
        active = counts.active
        running = counts.running
        completed = counts.completed
        succeeded = counts.succeeded
        failed = counts.failed
        isComplete = counts.isComplete
        let lastEnd = state.tasks.compactMap(\.endTime).max()
        let end = isComplete ? (lastEnd.map { max($0, origin) } ?? now) : now
        elapsedSeconds = max(0, end.timeIntervalSince(origin))
        let minutes = elapsedSeconds / 60
        tasksPerMinute = minutes > 0 ? Double(completed) / minutes : 0
        let windowStart = max(origin, end.addingTimeInterval(-window))
        let recent = state.tasks.filter { task in
            task.state == .completed && (task.endTime.map { $0 > windowStart && $0 <= end } ?? false)
        }.count
        let windowMinutes = end.timeIntervalSince(windowStart) / 60
        recentTasksPerMinute = recent > 0 && windowMinutes > 0 ? Double(recent) / windowMinutes : nil
        let bytes = state.tasks.filter { $0.state == .completed }.compactMap(\.inputBytes).reduce(0, +)
        inputMBPerSecond = bytes > 0 && elapsedSeconds > 0 ? Double(bytes) / 1e6 / elapsedSeconds : nil
        let remaining = Double(counts.active + counts.running)
        if isComplete {
            etaSeconds = 0
        } else if let rate = recentTasksPerMinute ?? (tasksPerMinute > 0 ? tasksPerMinute : nil) {
            etaSeconds = remaining / rate * 60
        } else {
            etaSeconds = nil
        }
    }
}
