import AzureBatchKit
import Foundation

/// Everything a dashboard knows about one job at one moment: the tasks, the nodes (or local worker slots) and
/// the pool's size over time. Sources build it; ``DashboardView`` turns it into numbers and pictures.
///
/// Text that came from the job (command lines, failure messages) is stored already redacted
/// (`Redaction.redactURLs(in:)`), so nothing downstream can leak a SAS signature.
public struct JobSnapshot: Sendable, Hashable, Codable {
    /// Where the state comes from: `azure` or `local`.
    public var mode: DashboardMode
    public var jobID: String
    public var poolID: String?
    /// When the job started (the first task start if nothing better is known).
    public var startTime: Date?
    /// When this state was read.
    public var observedAt: Date
    /// The counts of Get Task Counts (Azure) or of the local runner: authoritative even before every task is listed.
    public var counts: TaskCounts
    public var tasks: [TaskRecord]
    public var nodes: [NodeRecord]
    /// Pool size readings, oldest first.
    public var poolSamples: [PoolSample]
    /// The last error reading the source (a throttled or failed poll), shown on the page; `nil` when healthy.
    public var lastError: String?

    public init(
        mode: DashboardMode, jobID: String, poolID: String? = nil, startTime: Date? = nil, observedAt: Date,
        counts: TaskCounts, tasks: [TaskRecord] = [], nodes: [NodeRecord] = [], poolSamples: [PoolSample] = [],
        lastError: String? = nil
    ) {
        self.mode = mode
        self.jobID = jobID
        self.poolID = poolID
        self.startTime = startTime
        self.observedAt = observedAt
        self.counts = counts
        self.tasks = tasks
        self.nodes = nodes
        self.poolSamples = poolSamples
        self.lastError = lastError
    }

    /// Every task has completed.
    public var isComplete: Bool { counts.isComplete }
}

/// Where a dashboard's state comes from.
public struct DashboardMode: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    /// Azure Batch, through a ``AzureBatchKit/BatchClient``.
    public static let azure: DashboardMode = "azure"
    /// This machine, through ``AzureBatchKit/LocalBatchRunner``.
    public static let local: DashboardMode = "local"
}

/// One task as the dashboard shows it.
public struct TaskRecord: Sendable, Hashable, Codable {
    public var id: String
    public var state: TaskState
    /// `success` or `failure` once completed.
    public var result: TaskExecutionResult?
    /// The node (or local slot) it runs or ran on.
    public var nodeID: String?
    public var exitCode: Int?
    public var startTime: Date?
    public var endTime: Date?
    public var retryCount: Int
    /// The command line with SAS signatures and other secrets redacted.
    public var commandLine: String?
    /// `code: message` of a failure, redacted.
    public var failure: String?
    /// Input bytes the task read, when its program reports them (for MB/s).
    public var inputBytes: Int64?
    /// When the service last saw the task change state (drives incremental listing).
    public var stateTransitionTime: Date?

    public init(
        id: String, state: TaskState, result: TaskExecutionResult? = nil, nodeID: String? = nil, exitCode: Int? = nil,
        startTime: Date? = nil, endTime: Date? = nil, retryCount: Int = 0, commandLine: String? = nil,
        failure: String? = nil, inputBytes: Int64? = nil, stateTransitionTime: Date? = nil
    ) {
        self.id = id
        self.state = state
        self.result = result
        self.nodeID = nodeID
        self.exitCode = exitCode
        self.startTime = startTime
        self.endTime = endTime
        self.retryCount = retryCount
        self.commandLine = commandLine
        self.failure = failure
        self.inputBytes = inputBytes
        self.stateTransitionTime = stateTransitionTime
    }

    public var succeeded: Bool { state == .completed && result == .success }
    public var failed: Bool { state == .completed && result == .failure }
}

/// One compute node (or local worker slot).
public struct NodeRecord: Sendable, Hashable, Codable {
    public var id: String
    public var state: NodeState
    /// `false` for Spot (low-priority) nodes; `nil` when unknown or local.
    public var isDedicated: Bool?
    public var runningTasks: Int

    public init(id: String, state: NodeState, isDedicated: Bool? = nil, runningTasks: Int = 0) {
        self.id = id
        self.state = state
        self.isDedicated = isDedicated
        self.runningTasks = runningTasks
    }
}

/// The pool's size at one moment: current and target nodes, and the autoscale formula's target when it has one.
public struct PoolSample: Sendable, Hashable, Codable {
    public var time: Date
    public var currentNodes: Int
    public var targetNodes: Int?
    /// `$TargetDedicatedNodes + $TargetLowPriorityNodes` from the last autoscale evaluation.
    public var autoscaleTarget: Int?

    public init(time: Date, currentNodes: Int, targetNodes: Int? = nil, autoscaleTarget: Int? = nil) {
        self.time = time
        self.currentNodes = currentNodes
        self.targetNodes = targetNodes
        self.autoscaleTarget = autoscaleTarget
    }
}
