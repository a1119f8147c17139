#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A compute node of a pool (Get Node, List Nodes).
public struct BatchNode: Codable, Hashable, Sendable {
    public var id: String
    public var url: String?
    public var state: NodeState?
    public var schedulingState: SchedulingState?
    @BatchTimestamp public var stateTransitionTime: Date?
    @BatchTimestamp public var lastBootTime: Date?
    @BatchTimestamp public var allocationTime: Date?
    public var ipAddress: String?
    public var ipv6Address: String?
    public var affinityId: String?
    public var vmSize: VMSize?
    public var totalTasksRun: Int?
    public var runningTasksCount: Int?
    public var runningTaskSlotsCount: Int?
    public var totalTasksSucceeded: Int?
    /// `false` for Spot (low-priority) nodes.
    public var isDedicated: Bool?
    public var startTask: StartTask?
    public var startTaskInfo: StartTaskInfo?
    public var errors: [NodeError]?
    public var nodeAgentInfo: NodeAgentInfo?
    public var virtualMachineInfo: VirtualMachineInfo?

    public init(id: String, state: NodeState? = nil, isDedicated: Bool? = nil) {
        self.id = id
        self.state = state
        self.isDedicated = isDedicated
    }
}

public struct StartTaskInfo: Codable, Hashable, Sendable {
    public var state: StartTaskState?
    @BatchTimestamp public var startTime: Date?
    @BatchTimestamp public var endTime: Date?
    public var exitCode: Int?
    public var containerInfo: TaskContainerExecutionInfo?
    public var failureInfo: TaskFailureInfo?
    public var retryCount: Int?
    @BatchTimestamp public var lastRetryTime: Date?
    public var result: TaskExecutionResult?
    public init(state: StartTaskState? = nil, exitCode: Int? = nil) {
        self.state = state
        self.exitCode = exitCode
    }
}

public struct NodeError: Codable, Hashable, Sendable {
    public var code: String?
    public var message: String?
    public var errorDetails: [NameValuePair]?
    public init(code: String? = nil, message: String? = nil, errorDetails: [NameValuePair]? = nil) {
        self.code = code
        self.message = message
        self.errorDetails = errorDetails
    }
}

public struct NodeAgentInfo: Codable, Hashable, Sendable {
    public var version: String?
    @BatchTimestamp public var lastUpdateTime: Date?
    public init(version: String? = nil, lastUpdateTime: Date? = nil) {
        self.version = version
        self.lastUpdateTime = lastUpdateTime
    }
}

public struct VirtualMachineInfo: Codable, Hashable, Sendable {
    public var imageReference: ImageReference?
    public var scaleSetVmResourceId: String?
    public init(imageReference: ImageReference? = nil) { self.imageReference = imageReference }
}

/// Node counts of one pool by state (List Pool Node Counts).
public struct PoolNodeCounts: Codable, Hashable, Sendable {
    public var poolId: String
    public var dedicated: NodeCounts?
    public var lowPriority: NodeCounts?
    public init(poolId: String, dedicated: NodeCounts? = nil, lowPriority: NodeCounts? = nil) {
        self.poolId = poolId
        self.dedicated = dedicated
        self.lowPriority = lowPriority
    }
}

public struct NodeCounts: Codable, Hashable, Sendable {
    public var creating, idle, offline, preempted, rebooting, reimaging, running, starting, startTaskFailed: Int?
    public var leavingPool, unknown, unusable, waitingForStartTask, deallocated, deallocating, upgradingOS, total: Int?
    public init(idle: Int? = nil, running: Int? = nil, total: Int? = nil) {
        self.idle = idle
        self.running = running
        self.total = total
    }
}
