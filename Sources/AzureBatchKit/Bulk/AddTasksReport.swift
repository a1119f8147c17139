import AzureKitCore

/// What happened to a bulk submission.
public struct AddTasksReport: Sendable, Hashable {
    /// Ids of the tasks now in the job (including ones found already added on a resubmission).
    public var added: [String]
    /// Tasks the service rejected for good, or that were never accepted because the run stopped.
    public var failures: [TaskAddFailure]
    /// Add Task Collection calls made (each may have been retried by the pipeline).
    public var requests: Int
    /// HTTP attempts, including the pipeline's retries of throttled or failed requests.
    public var httpAttempts: Int
    /// Tasks sent again after a per-task server error, a missing result, or a split chunk.
    public var resubmissions: Int
    /// The largest number of tasks per request at the end (lower than the start after `RequestBodyTooLarge`).
    public var finalChunkLimit: Int

    public init(
        added: [String] = [], failures: [TaskAddFailure] = [], requests: Int = 0, httpAttempts: Int = 0,
        resubmissions: Int = 0, finalChunkLimit: Int = 100
    ) {
        self.added = added
        self.failures = failures
        self.requests = requests
        self.httpAttempts = httpAttempts
        self.resubmissions = resubmissions
        self.finalChunkLimit = finalChunkLimit
    }
}

/// One task that was not added, with the service's code and message.
public struct TaskAddFailure: Sendable, Hashable, CustomStringConvertible {
    public var taskID: String
    /// `clienterror`/`servererror` from the service; `nil` when the task was never answered for.
    public var status: TaskAddStatus?
    public var code: ServiceErrorCode?
    public var message: String
    /// The service's extra details (`PropertyName`, `Reason`, …).
    public var details: [String: String]

    public init(
        taskID: String, status: TaskAddStatus?, code: ServiceErrorCode?, message: String,
        details: [String: String] = [:]
    ) {
        self.taskID = taskID
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(taskID): \(code?.rawValue ?? status?.rawValue ?? "error"): \(message)" }
}

/// Thrown by ``BatchClient/addTasks(_:toJob:options:progress:logger:)`` when any task was not added; lists each
/// one with its code, and carries the full report (the other tasks were added).
public struct AddTasksError: Error, Sendable, CustomStringConvertible {
    public var report: AddTasksReport
    /// The error that stopped the run early (for example `JobNotFound`), if one did.
    public var stoppedBy: String?

    public init(report: AddTasksReport, stoppedBy: String? = nil) {
        self.report = report
        self.stoppedBy = stoppedBy
    }

    public var failures: [TaskAddFailure] { report.failures }

    public var description: String {
        var text = "\(report.failures.count) of \(report.failures.count + report.added.count) tasks were not added"
        if let stoppedBy { text += " (stopped by \(stoppedBy))" }
        let shown = report.failures.prefix(10).map { "  \($0)" }
        text += ":\n" + shown.joined(separator: "\n")
        if report.failures.count > 10 { text += "\n  … and \(report.failures.count - 10) more" }
        return text
    }
}
