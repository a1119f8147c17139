import AzureKitCore

// Values that describe jobs.
// Extensible: a value the service adds later decodes and round-trips unchanged.

/// A job's lifecycle state.
public struct JobState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active: JobState = "active"
    public static let disabling: JobState = "disabling"
    public static let disabled: JobState = "disabled"
    public static let enabling: JobState = "enabling"
    public static let terminating: JobState = "terminating"
    public static let completed: JobState = "completed"
    public static let deleting: JobState = "deleting"
    public static let known: [JobState] = [
        .active, .disabling, .disabled, .enabling, .terminating, .completed, .deleting,
    ]
}

/// What the service does when every task of a job is complete (`onAllTasksComplete`).
public struct AllTasksCompleteAction: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let noAction: AllTasksCompleteAction = "noaction"
    public static let terminateJob: AllTasksCompleteAction = "terminatejob"
    public static let known: [AllTasksCompleteAction] = [.noAction, .terminateJob]
}

/// What the service does when a task fails (`onTaskFailure`).
public struct TaskFailureAction: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let noAction: TaskFailureAction = "noaction"
    public static let performExitOptionsJobAction: TaskFailureAction = "performexitoptionsjobaction"
    public static let known: [TaskFailureAction] = [.noAction, .performExitOptionsJobAction]
}

/// What happens to running tasks when a job is disabled.
public struct DisableJobOption: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let requeue: DisableJobOption = "requeue"
    public static let terminate: DisableJobOption = "terminate"
    public static let wait: DisableJobOption = "wait"
    public static let known: [DisableJobOption] = [.requeue, .terminate, .wait]
}
