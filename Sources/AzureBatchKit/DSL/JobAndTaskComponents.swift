/// What the service does when every task is complete. Set `.terminateJob` only once all tasks are added, or a
/// job with no tasks yet ends at once (``BatchClient/updateJob(_:_:conditions:logger:)`` can set it later).
public struct OnAllTasksComplete: JobComponent {
    public var action: AllTasksCompleteAction
    public init(_ action: AllTasksCompleteAction) { self.action = action }
    public func apply(to job: inout JobSpecification) { job.onAllTasksComplete = action }
}

/// What the service does when a task fails.
public struct OnTaskFailure: JobComponent {
    public var action: TaskFailureAction
    public init(_ action: TaskFailureAction) { self.action = action }
    public func apply(to job: inout JobSpecification) { job.onTaskFailure = action }
}

/// Job priority, -1000…1000.
public struct Priority: JobComponent {
    public var value: Int
    public init(_ value: Int) { self.value = min(1000, max(-1000, value)) }
    public func apply(to job: inout JobSpecification) { job.priority = value }
}

extension JobConstraints: JobComponent {
    public func apply(to job: inout JobSpecification) { job.constraints = self }
}

extension JobManagerTask: JobComponent {
    public func apply(to job: inout JobSpecification) { job.jobManagerTask = self }
}

extension JobPreparationTask: JobComponent {
    public func apply(to job: inout JobSpecification) { job.jobPreparationTask = self }
}

extension JobReleaseTask: JobComponent {
    public func apply(to job: inout JobSpecification) { job.jobReleaseTask = self }
}

/// Runs the task in a container (required for every task on a container pool).
public struct Container: TaskComponent {
    public var settings: TaskContainerSettings
    public init(
        image: String, runOptions: String? = nil, registry: ContainerRegistry? = nil,
        workingDirectory: ContainerWorkingDirectory? = nil
    ) {
        settings = TaskContainerSettings(
            imageName: image, containerRunOptions: runOptions, registry: registry,
            workingDirectory: workingDirectory)
    }
    public func apply(to task: inout TaskSpecification) { task.containerSettings = settings }
}

extension TaskContainerSettings: TaskComponent {
    public func apply(to task: inout TaskSpecification) { task.containerSettings = self }
}

/// Environment variables for a task or (as common settings) for every task of a job; sorted by name so the
/// JSON is stable.
public struct Environment: TaskComponent, JobComponent {
    public var settings: [EnvironmentSetting]
    public init(_ variables: [String: String]) {
        settings = variables.sorted { $0.key < $1.key }.map { EnvironmentSetting(name: $0.key, value: $0.value) }
    }
    public init(_ settings: [EnvironmentSetting]) { self.settings = settings }
    public func apply(to task: inout TaskSpecification) {
        task.environmentSettings = (task.environmentSettings ?? []) + settings
    }
    public func apply(to job: inout JobSpecification) {
        job.commonEnvironmentSettings = (job.commonEnvironmentSettings ?? []) + settings
    }
}

/// How many times a failed task (non-zero exit) is retried: 0 none, -1 unlimited.
public struct Retries: TaskComponent {
    public var count: Int
    public init(_ count: Int) { self.count = max(-1, count) }
    public func apply(to task: inout TaskSpecification) {
        var constraints = task.constraints ?? TaskConstraints()
        constraints.maxTaskRetryCount = count
        task.constraints = constraints
    }
}

/// The longest a task may run; it is killed after that.
public struct MaxWallClockTime: TaskComponent {
    public var limit: Duration
    public init(_ limit: Duration) { self.limit = limit }
    public func apply(to task: inout TaskSpecification) {
        var constraints = task.constraints ?? TaskConstraints()
        constraints.maxWallClockTime = limit
        task.constraints = constraints
    }
}

extension TaskConstraints: TaskComponent {
    public func apply(to task: inout TaskSpecification) { task.constraints = self }
}

extension UserIdentity: TaskComponent {
    public func apply(to task: inout TaskSpecification) { task.userIdentity = self }
}

extension ResourceFile: TaskComponent {
    public func apply(to task: inout TaskSpecification) { task.resourceFiles = (task.resourceFiles ?? []) + [self] }
}

extension OutputFile: TaskComponent {
    public func apply(to task: inout TaskSpecification) { task.outputFiles = (task.outputFiles ?? []) + [self] }
}

extension ExitConditions: TaskComponent {
    public func apply(to task: inout TaskSpecification) { task.exitConditions = self }
}

/// Scheduling slots the task takes on its node.
public struct RequiredSlots: TaskComponent {
    public var slots: Int
    public init(_ slots: Int) { self.slots = max(1, slots) }
    public func apply(to task: inout TaskSpecification) { task.requiredSlots = slots }
}

/// Tasks that must succeed first (the job needs `usesTaskDependencies`).
public struct DependsOn: TaskComponent {
    public var dependencies: TaskDependencies
    public init(_ taskIDs: [String], ranges: [ClosedRange<Int>] = []) {
        dependencies = TaskDependencies(
            taskIds: taskIDs.isEmpty ? nil : taskIDs,
            taskIdRanges: ranges.isEmpty ? nil : ranges.map { TaskIdRange(start: $0.lowerBound, end: $0.upperBound) })
    }
    public func apply(to task: inout TaskSpecification) { task.dependsOn = dependencies }
}
