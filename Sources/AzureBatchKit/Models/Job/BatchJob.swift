#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A job as the service reports it (Get Job, List Jobs).
public struct BatchJob: Codable, Hashable, Sendable {
    public var id: String
    public var displayName: String?
    public var usesTaskDependencies: Bool?
    public var url: String?
    public var eTag: String?
    @BatchTimestamp public var lastModified: Date?
    @BatchTimestamp public var creationTime: Date?
    public var state: JobState?
    @BatchTimestamp public var stateTransitionTime: Date?
    public var previousState: JobState?
    @BatchTimestamp public var previousStateTransitionTime: Date?
    public var priority: Int?
    public var allowTaskPreemption: Bool?
    public var maxParallelTasks: Int?
    public var constraints: JobConstraints?
    public var jobManagerTask: JobManagerTask?
    public var jobPreparationTask: JobPreparationTask?
    public var jobReleaseTask: JobReleaseTask?
    public var commonEnvironmentSettings: [EnvironmentSetting]?
    public var poolInfo: PoolInformation?
    public var onAllTasksComplete: AllTasksCompleteAction?
    public var onTaskFailure: TaskFailureAction?
    public var metadata: [MetadataItem]?
    public var executionInfo: JobExecutionInfo?

    public init(id: String, state: JobState? = nil, poolInfo: PoolInformation? = nil) {
        self.id = id
        self.state = state
        self.poolInfo = poolInfo
    }
}

/// When a job ran and why it ended.
public struct JobExecutionInfo: Codable, Hashable, Sendable {
    @BatchTimestamp public var startTime: Date?
    @BatchTimestamp public var endTime: Date?
    public var poolId: String?
    public var schedulingError: JobSchedulingError?
    /// `JMComplete`, `MaxWallClockTimeExpiry`, `AllTasksComplete`, `TaskFailed`, `UserTerminate`, or your own text.
    public var terminateReason: String?
    public init(startTime: Date? = nil, endTime: Date? = nil, poolId: String? = nil, terminateReason: String? = nil) {
        self.startTime = startTime
        self.endTime = endTime
        self.poolId = poolId
        self.terminateReason = terminateReason
    }
}

public struct JobSchedulingError: Codable, Hashable, Sendable {
    public var category: ErrorCategory?
    public var code: String?
    public var message: String?
    public var details: [NameValuePair]?
    public init(category: ErrorCategory? = nil, code: String? = nil, message: String? = nil) {
        self.category = category
        self.code = code
        self.message = message
    }
}
