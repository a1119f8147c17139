/// How many tasks of a job are in each state (Get Task Counts); `preparing` counts as running.
public struct TaskCounts: Codable, Hashable, Sendable {
    public var active: Int
    public var running: Int
    public var completed: Int
    public var succeeded: Int
    public var failed: Int

    public init(active: Int = 0, running: Int = 0, completed: Int = 0, succeeded: Int = 0, failed: Int = 0) {
        self.active = active
        self.running = running
        self.completed = completed
        self.succeeded = succeeded
        self.failed = failed
    }

    /// Every task the counts cover.
    public var total: Int { active + running + completed }
}

/// Task counts and the scheduling slots those tasks take.
public struct TaskCountsResult: Codable, Hashable, Sendable {
    public var taskCounts: TaskCounts
    public var taskSlotCounts: TaskCounts?
    public init(taskCounts: TaskCounts, taskSlotCounts: TaskCounts? = nil) {
        self.taskCounts = taskCounts
        self.taskSlotCounts = taskSlotCounts
    }
}
