/// A job to create (`BatchJobCreateOptions` on the wire).
///
/// ```swift
/// let job = JobSpecification(id: "airlines-2025-11-25", poolInfo: .init(poolId: "airlines"))
/// ```
public struct JobSpecification: Codable, Hashable, Sendable {
    public var id: String
    public var displayName: String?
    public var usesTaskDependencies: Bool?
    /// -1000…1000, default 0.
    public var priority: Int?
    public var allowTaskPreemption: Bool?
    public var maxParallelTasks: Int?
    public var constraints: JobConstraints?
    public var jobManagerTask: JobManagerTask?
    public var jobPreparationTask: JobPreparationTask?
    public var jobReleaseTask: JobReleaseTask?
    public var commonEnvironmentSettings: [EnvironmentSetting]?
    public var poolInfo: PoolInformation
    public var onAllTasksComplete: AllTasksCompleteAction?
    public var onTaskFailure: TaskFailureAction?
    public var metadata: [MetadataItem]?

    public init(
        id: String, displayName: String? = nil, usesTaskDependencies: Bool? = nil, priority: Int? = nil,
        allowTaskPreemption: Bool? = nil, maxParallelTasks: Int? = nil, constraints: JobConstraints? = nil,
        jobManagerTask: JobManagerTask? = nil, jobPreparationTask: JobPreparationTask? = nil,
        jobReleaseTask: JobReleaseTask? = nil, commonEnvironmentSettings: [EnvironmentSetting]? = nil,
        poolInfo: PoolInformation, onAllTasksComplete: AllTasksCompleteAction? = nil,
        onTaskFailure: TaskFailureAction? = nil, metadata: [MetadataItem]? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.usesTaskDependencies = usesTaskDependencies
        self.priority = priority
        self.allowTaskPreemption = allowTaskPreemption
        self.maxParallelTasks = maxParallelTasks
        self.constraints = constraints
        self.jobManagerTask = jobManagerTask
        self.jobPreparationTask = jobPreparationTask
        self.jobReleaseTask = jobReleaseTask
        self.commonEnvironmentSettings = commonEnvironmentSettings
        self.poolInfo = poolInfo
        self.onAllTasksComplete = onAllTasksComplete
        self.onTaskFailure = onTaskFailure
        self.metadata = metadata
    }
}

/// Where a job's tasks run: an existing pool, or a pool made for the job.
public struct PoolInformation: Codable, Hashable, Sendable {
    public var poolId: String?
    public var autoPoolSpecification: AutoPoolSpecification?
    public init(poolId: String? = nil, autoPoolSpecification: AutoPoolSpecification? = nil) {
        self.poolId = poolId
        self.autoPoolSpecification = autoPoolSpecification
    }
}

/// A pool the service creates for a job (or schedule) and deletes afterwards.
public struct AutoPoolSpecification: Codable, Hashable, Sendable {
    public var autoPoolIdPrefix: String?
    public var poolLifetimeOption: PoolLifetimeOption
    public var keepAlive: Bool?
    public var pool: AutoPoolProperties?
    public init(
        autoPoolIdPrefix: String? = nil, poolLifetimeOption: PoolLifetimeOption, keepAlive: Bool? = nil,
        pool: AutoPoolProperties? = nil
    ) {
        self.autoPoolIdPrefix = autoPoolIdPrefix
        self.poolLifetimeOption = poolLifetimeOption
        self.keepAlive = keepAlive
        self.pool = pool
    }
}

/// An auto pool's settings: a pool specification without an id.
public struct AutoPoolProperties: Codable, Hashable, Sendable {
    public var displayName: String?
    public var vmSize: VMSize
    public var virtualMachineConfiguration: VirtualMachineConfiguration?
    public var taskSlotsPerNode: Int?
    public var taskSchedulingPolicy: TaskSchedulingPolicy?
    @ISO8601Duration public var resizeTimeout: Duration?
    public var targetDedicatedNodes: Int?
    public var targetLowPriorityNodes: Int?
    public var enableAutoScale: Bool?
    public var autoScaleFormula: String?
    @ISO8601Duration public var autoScaleEvaluationInterval: Duration?
    public var enableInterNodeCommunication: Bool?
    public var networkConfiguration: NetworkConfiguration?
    public var startTask: StartTask?
    public var applicationPackageReferences: [ApplicationPackageReference]?
    public var userAccounts: [UserAccount]?
    public var metadata: [MetadataItem]?
    public var mountConfiguration: [MountConfiguration]?

    public init(
        vmSize: VMSize, virtualMachineConfiguration: VirtualMachineConfiguration? = nil,
        targetDedicatedNodes: Int? = nil, targetLowPriorityNodes: Int? = nil
    ) {
        self.vmSize = vmSize
        self.virtualMachineConfiguration = virtualMachineConfiguration
        self.targetDedicatedNodes = targetDedicatedNodes
        self.targetLowPriorityNodes = targetLowPriorityNodes
    }
}

/// The fields of a job that a PATCH changes; `nil` fields are left alone.
public struct JobUpdate: Codable, Hashable, Sendable {
    public var priority: Int?
    public var allowTaskPreemption: Bool?
    public var maxParallelTasks: Int?
    public var constraints: JobConstraints?
    public var poolInfo: PoolInformation?
    /// Set to `.terminateJob` after the last task is added; going back to `noaction` is rejected.
    public var onAllTasksComplete: AllTasksCompleteAction?
    public var metadata: [MetadataItem]?

    public init(
        priority: Int? = nil, allowTaskPreemption: Bool? = nil, maxParallelTasks: Int? = nil,
        constraints: JobConstraints? = nil, poolInfo: PoolInformation? = nil,
        onAllTasksComplete: AllTasksCompleteAction? = nil, metadata: [MetadataItem]? = nil
    ) {
        self.priority = priority
        self.allowTaskPreemption = allowTaskPreemption
        self.maxParallelTasks = maxParallelTasks
        self.constraints = constraints
        self.poolInfo = poolInfo
        self.onAllTasksComplete = onAllTasksComplete
        self.metadata = metadata
    }
}

/// The optional body of Terminate Job.
public struct JobTerminateOptions: Codable, Hashable, Sendable {
    public var terminateReason: String?
    public init(terminateReason: String? = nil) { self.terminateReason = terminateReason }
}
