import AzureKitCore

// Values that describe tasks.
// Extensible: a value the service adds later decodes and round-trips unchanged.

/// A task's lifecycle state.
public struct TaskState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active: TaskState = "active"
    public static let preparing: TaskState = "preparing"
    public static let running: TaskState = "running"
    public static let completed: TaskState = "completed"
    public static let known: [TaskState] = [.active, .preparing, .running, .completed]
}

/// Whether a completed task succeeded.
public struct TaskExecutionResult: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let success: TaskExecutionResult = "success"
    public static let failure: TaskExecutionResult = "failure"
    public static let known: [TaskExecutionResult] = [.success, .failure]
}

/// Whose fault a task failure was.
public struct ErrorCategory: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let userError: ErrorCategory = "usererror"
    public static let serverError: ErrorCategory = "servererror"
    public static let known: [ErrorCategory] = [.userError, .serverError]
}

/// Where a container task starts.
public struct ContainerWorkingDirectory: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let taskWorkingDirectory: ContainerWorkingDirectory = "taskWorkingDirectory"
    public static let containerImageDefault: ContainerWorkingDirectory = "containerImageDefault"
    public static let known: [ContainerWorkingDirectory] = [.taskWorkingDirectory, .containerImageDefault]
}

/// Node directories that can be mounted into a task container.
public struct ContainerHostDataPath: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let shared: ContainerHostDataPath = "Shared"
    public static let startup: ContainerHostDataPath = "Startup"
    public static let vfsMounts: ContainerHostDataPath = "VfsMounts"
    public static let task: ContainerHostDataPath = "Task"
    public static let jobPrep: ContainerHostDataPath = "JobPrep"
    public static let applications: ContainerHostDataPath = "Applications"
    public static let known: [ContainerHostDataPath] = [.shared, .startup, .vfsMounts, .task, .jobPrep, .applications]
}

/// State of a task's container.
public struct ContainerState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let created: ContainerState = "created"
    public static let running: ContainerState = "running"
    public static let exited: ContainerState = "exited"
    public static let known: [ContainerState] = [.created, .running, .exited]
}

/// Whether an auto user is shared by the pool or made per task.
public struct AutoUserScope: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let task: AutoUserScope = "task"
    public static let pool: AutoUserScope = "pool"
    public static let known: [AutoUserScope] = [.task, .pool]
}

/// Whether a task's user is an administrator.
public struct ElevationLevel: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let nonAdmin: ElevationLevel = "nonadmin"
    public static let admin: ElevationLevel = "admin"
    public static let known: [ElevationLevel] = [.nonAdmin, .admin]
}

/// What an exit condition does to the task's job.
public struct JobAction: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `none`: JobAction = "none"
    public static let disable: JobAction = "disable"
    public static let terminate: JobAction = "terminate"
    public static let known: [JobAction] = [.`none`, .disable, .terminate]
}

/// Whether an exit condition satisfies or blocks dependent tasks.
public struct DependencyAction: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let satisfy: DependencyAction = "satisfy"
    public static let block: DependencyAction = "block"
    public static let known: [DependencyAction] = [.satisfy, .block]
}

/// When an output file is uploaded.
public struct OutputFileUploadCondition: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let taskSuccess: OutputFileUploadCondition = "tasksuccess"
    public static let taskFailure: OutputFileUploadCondition = "taskfailure"
    public static let taskCompletion: OutputFileUploadCondition = "taskcompletion"
    public static let known: [OutputFileUploadCondition] = [.taskSuccess, .taskFailure, .taskCompletion]
}

/// The outcome of one task in an add-task-collection call.
public struct TaskAddStatus: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let success: TaskAddStatus = "success"
    public static let clientError: TaskAddStatus = "clienterror"
    public static let serverError: TaskAddStatus = "servererror"
    public static let known: [TaskAddStatus] = [.success, .clientError, .serverError]
}
