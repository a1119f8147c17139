import Foundation

/// One task of a local run as it is now, in Batch's terms: `active` (waiting for a slot), `running` on a worker
/// slot, or `completed` with its ``LocalTaskResult``. Dashboards read these through
/// ``LocalJobRun/taskStatuses()``; the worker slots play the part of a pool's nodes.
public struct LocalTaskStatus: Sendable, Hashable {
    public var taskID: String
    /// The task's command line as given (it may hold SAS URLs: redact before showing it).
    public var commandLine: String
    public var state: TaskState
    /// The worker slot, `0..<parallelism`, the task runs or ran on.
    public var slot: Int?
    public var startTime: Date?
    /// Set once the task has completed.
    public var result: LocalTaskResult?

    public init(
        taskID: String, commandLine: String, state: TaskState = .active, slot: Int? = nil, startTime: Date? = nil,
        result: LocalTaskResult? = nil
    ) {
        self.taskID = taskID
        self.commandLine = commandLine
        self.state = state
        self.slot = slot
        self.startTime = startTime
        self.result = result
    }
}
