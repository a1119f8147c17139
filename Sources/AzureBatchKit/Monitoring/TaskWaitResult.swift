import AzureKitCore

/// How a job's tasks ended, from ``BatchClient/waitForTasks(job:timeout:options:logger:)``.
public struct TaskWaitResult: Sendable, Hashable {
    public var progress: TaskProgress
    /// Every failed task with its exit code and failure information (empty when all succeeded).
    public var failedTasks: [FailedTask]
    public var allSucceeded: Bool { progress.failed == 0 && failedTasks.isEmpty }

    public init(progress: TaskProgress, failedTasks: [FailedTask]) {
        self.progress = progress
        self.failedTasks = failedTasks
    }
}

/// A task that completed with result `failure`.
public struct FailedTask: Sendable, Hashable, CustomStringConvertible {
    public var taskID: String
    public var exitCode: Int?
    public var category: ErrorCategory?
    public var code: String?
    public var message: String?
    public var retryCount: Int?
    public var nodeID: String?

    public init(
        taskID: String, exitCode: Int? = nil, category: ErrorCategory? = nil, code: String? = nil,
        message: String? = nil, retryCount: Int? = nil, nodeID: String? = nil
    ) {
        self.taskID = taskID
        self.exitCode = exitCode
        self.category = category
        self.code = code
        self.message = message
        self.retryCount = retryCount
        self.nodeID = nodeID
    }

    init(_ task: BatchTask) {
        let info = task.executionInfo
        self.init(
            taskID: task.id, exitCode: info?.exitCode, category: info?.failureInfo?.category,
            code: info?.failureInfo?.code, message: info?.failureInfo?.message, retryCount: info?.retryCount,
            nodeID: task.nodeInfo?.nodeId)
    }

    public var description: String {
        var text = "\(taskID): exit code \(exitCode.map(String.init) ?? "none")"
        if let code { text += ", \(code)" }
        if let message { text += ": \(message)" }
        return text
    }
}

/// The job's tasks did not all complete in time.
public struct TaskWaitTimeoutError: Error, Sendable, CustomStringConvertible {
    public var jobID: String
    public var timeout: Duration
    /// The last counts seen, if any poll succeeded.
    public var lastProgress: TaskProgress?

    public var description: String {
        let seconds = timeout.components.seconds
        var text = "tasks of job '\(jobID)' did not all complete within \(seconds) s"
        if let lastProgress { text += "; last seen: \(lastProgress)" } else { text += "; no task counts were received" }
        return text
    }
}
