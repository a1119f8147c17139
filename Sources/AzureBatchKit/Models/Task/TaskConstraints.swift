/// Limits on one task: run time, how long its files are kept, and retries.
public struct TaskConstraints: Codable, Hashable, Sendable {
    /// Longest a task may run, counted from when it starts; the service's default is unlimited.
    @ISO8601Duration public var maxWallClockTime: Duration?
    /// How long the task directory is kept after the task completes (default 7 days).
    @ISO8601Duration public var retentionTime: Duration?
    /// Retries after a non-zero exit: 0 none, -1 unlimited; `nil` takes the job's value.
    public var maxTaskRetryCount: Int?

    public init(maxWallClockTime: Duration? = nil, retentionTime: Duration? = nil, maxTaskRetryCount: Int? = nil) {
        self.maxWallClockTime = maxWallClockTime
        self.retentionTime = retentionTime
        self.maxTaskRetryCount = maxTaskRetryCount
    }
}

/// Limits on a whole job.
public struct JobConstraints: Codable, Hashable, Sendable {
    @ISO8601Duration public var maxWallClockTime: Duration?
    public var maxTaskRetryCount: Int?

    public init(maxWallClockTime: Duration? = nil, maxTaskRetryCount: Int? = nil) {
        self.maxWallClockTime = maxWallClockTime
        self.maxTaskRetryCount = maxTaskRetryCount
    }
}
