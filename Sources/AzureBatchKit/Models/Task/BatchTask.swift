#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A task as the service reports it (Get Task, List Tasks).
public struct BatchTask: Codable, Hashable, Sendable {
    public var id: String
    public var displayName: String?
    public var url: String?
    public var eTag: String?
    @BatchTimestamp public var lastModified: Date?
    @BatchTimestamp public var creationTime: Date?
    public var state: TaskState?
    @BatchTimestamp public var stateTransitionTime: Date?
    public var previousState: TaskState?
    @BatchTimestamp public var previousStateTransitionTime: Date?
    public var commandLine: String?
    public var containerSettings: TaskContainerSettings?
    public var exitConditions: ExitConditions?
    public var resourceFiles: [ResourceFile]?
    public var outputFiles: [OutputFile]?
    public var environmentSettings: [EnvironmentSetting]?
    public var affinityInfo: AffinityInfo?
    public var constraints: TaskConstraints?
    public var requiredSlots: Int?
    public var userIdentity: UserIdentity?
    public var executionInfo: TaskExecutionInfo?
    public var nodeInfo: TaskNodeInfo?
    public var multiInstanceSettings: MultiInstanceSettings?
    public var stats: TaskStatistics?
    public var dependsOn: TaskDependencies?

    public init(
        id: String, state: TaskState? = nil, commandLine: String? = nil, executionInfo: TaskExecutionInfo? = nil,
        nodeInfo: TaskNodeInfo? = nil
    ) {
        self.id = id
        self.state = state
        self.commandLine = commandLine
        self.executionInfo = executionInfo
        self.nodeInfo = nodeInfo
    }

    /// Completed with result `success`.
    public var succeeded: Bool { state == .completed && executionInfo?.result == .success }
    /// Completed with result `failure` (non-zero exit, timeout, or a pre-processing or upload error).
    public var failed: Bool { state == .completed && executionInfo?.result == .failure }
}

/// How a task ran: times, exit code, retries, failure details.
public struct TaskExecutionInfo: Codable, Hashable, Sendable {
    @BatchTimestamp public var startTime: Date?
    @BatchTimestamp public var endTime: Date?
    public var exitCode: Int?
    public var containerInfo: TaskContainerExecutionInfo?
    public var failureInfo: TaskFailureInfo?
    public var retryCount: Int?
    @BatchTimestamp public var lastRetryTime: Date?
    public var requeueCount: Int?
    @BatchTimestamp public var lastRequeueTime: Date?
    public var result: TaskExecutionResult?

    public init(
        startTime: Date? = nil, endTime: Date? = nil, exitCode: Int? = nil, failureInfo: TaskFailureInfo? = nil,
        retryCount: Int? = nil, requeueCount: Int? = nil, result: TaskExecutionResult? = nil
    ) {
        self.startTime = startTime
        self.endTime = endTime
        self.exitCode = exitCode
        self.failureInfo = failureInfo
        self.retryCount = retryCount
        self.requeueCount = requeueCount
        self.result = result
    }
}

public struct TaskContainerExecutionInfo: Codable, Hashable, Sendable {
    public var containerId: String?
    public var state: String?
    public var error: String?
    public init(containerId: String? = nil, state: String? = nil, error: String? = nil) {
        self.containerId = containerId
        self.state = state
        self.error = error
    }
}

/// Why a task failed.
public struct TaskFailureInfo: Codable, Hashable, Sendable {
    public var category: ErrorCategory
    public var code: String?
    public var message: String?
    public var details: [NameValuePair]?
    public init(category: ErrorCategory, code: String? = nil, message: String? = nil, details: [NameValuePair]? = nil) {
        self.category = category
        self.code = code
        self.message = message
        self.details = details
    }
}

/// Where a task ran.
public struct TaskNodeInfo: Codable, Hashable, Sendable {
    public var affinityId: String?
    public var nodeUrl: String?
    public var poolId: String?
    public var nodeId: String?
    public var taskRootDirectory: String?
    public var taskRootDirectoryUrl: String?
    public init(poolId: String? = nil, nodeId: String? = nil) {
        self.poolId = poolId
        self.nodeId = nodeId
    }
}

/// Resource usage of a task (`$expand=stats`); 64-bit counters arrive as strings.
public struct TaskStatistics: Codable, Hashable, Sendable {
    public var url: String?
    @BatchTimestamp public var startTime: Date?
    @BatchTimestamp public var lastUpdateTime: Date?
    @ISO8601Duration public var userCPUTime: Duration?
    @ISO8601Duration public var kernelCPUTime: Duration?
    @ISO8601Duration public var wallClockTime: Duration?
    @Int64String public var readIOps: Int64?
    @Int64String public var writeIOps: Int64?
    public var readIOGiB: Double?
    public var writeIOGiB: Double?
    @ISO8601Duration public var waitTime: Duration?
    public init() {}
}
