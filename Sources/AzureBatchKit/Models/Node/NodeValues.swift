import AzureKitCore

// Values that describe compute nodes.
// Extensible: a value the service adds later decodes and round-trips unchanged.

/// A compute node's state.
public struct NodeState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let idle: NodeState = "idle"
    public static let rebooting: NodeState = "rebooting"
    public static let reimaging: NodeState = "reimaging"
    public static let running: NodeState = "running"
    public static let unusable: NodeState = "unusable"
    public static let creating: NodeState = "creating"
    public static let starting: NodeState = "starting"
    public static let waitingForStartTask: NodeState = "waitingforstarttask"
    public static let startTaskFailed: NodeState = "starttaskfailed"
    public static let unknown: NodeState = "unknown"
    public static let leavingPool: NodeState = "leavingpool"
    public static let offline: NodeState = "offline"
    public static let preempted: NodeState = "preempted"
    public static let upgradingOS: NodeState = "upgradingos"
    public static let deallocated: NodeState = "deallocated"
    public static let deallocating: NodeState = "deallocating"
    public static let known: [NodeState] = [
        .idle, .rebooting, .reimaging, .running, .unusable, .creating, .starting, .waitingForStartTask,
        .startTaskFailed, .unknown, .leavingPool, .offline, .preempted, .upgradingOS, .deallocated, .deallocating,
    ]
}

/// Whether a node accepts new tasks.
public struct SchedulingState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let enabled: SchedulingState = "enabled"
    public static let disabled: SchedulingState = "disabled"
    public static let known: [SchedulingState] = [.enabled, .disabled]
}

/// State of a node's start task.
public struct StartTaskState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let running: StartTaskState = "running"
    public static let completed: StartTaskState = "completed"
    public static let known: [StartTaskState] = [.running, .completed]
}
