import AzureBatchKit
import Foundation

/// What the dashboard shows for one ``JobSnapshot`` at one moment: a pure function of the state and the clock, so
/// every number on the page and in the report can be tested with a fixed `now`.
///
/// ```swift
/// let view = DashboardView(state: state, now: Date())
/// print(view.summary.tasksPerMinute, view.summary.etaSeconds ?? -1, view.heatMap.counts)
/// ```
public struct DashboardView: Sendable, Hashable, Codable {
    public var jobID: String
    public var poolID: String?
    public var mode: DashboardMode
    public var generatedAt: Date
    public var summary: JobSummary
    /// Failed tasks first, then running, waiting and succeeded ones; by id within each group.
    public var tasks: [TaskRow]
    public var timeline: TaskTimeline
    public var heatMap: NodeHeatMap
    public var poolSize: PoolSizeSeries
    public var lastError: String?

    public init(state: JobSnapshot, now: Date, throughputWindow: TimeInterval = 300) {
        let origin = Self.origin(of: state, now: now)
        // A finished job's charts end at its last task, however much later the view is made (a report).
        let end = state.isComplete ? state.tasks.compactMap(\.endTime).max().map { max($0, origin) } ?? now : now
        jobID = state.jobID
        poolID = state.poolID
        mode = state.mode
        generatedAt = now
        summary = JobSummary(state: state, origin: origin, now: now, window: throughputWindow)
        tasks = TaskRow.sorted(state.tasks.map { TaskRow($0, now: now) })
        timeline = TaskTimeline(tasks: state.tasks, nodes: state.nodes, origin: origin, now: end)
        heatMap = NodeHeatMap(nodes: state.nodes)
        poolSize = PoolSizeSeries(samples: state.poolSamples, origin: origin, now: end)
        lastError = state.lastError
    }

    /// Time zero of the charts: the job's start, else the earliest task start, else `now`.
    static func origin(of state: JobSnapshot, now: Date) -> Date {
        if let start = state.startTime { return start }
        return state.tasks.compactMap(\.startTime).min() ?? now
    }
}

/// One row of the task table.
public struct TaskRow: Sendable, Hashable, Codable {
    public var id: String
    /// `failed`, `running`, `preparing`, `active`, `succeeded` (or a new service state as is).
    public var status: String
    public var nodeID: String?
    public var exitCode: Int?
    public var startTime: Date?
    public var endTime: Date?
    /// End (or now, while running) minus start.
    public var durationSeconds: Double?
    public var retryCount: Int
    public var commandLine: String?
    public var failure: String?

    public init(_ task: TaskRecord, now: Date) {
        id = task.id
        switch task.state {
        case .completed: status = task.result == .success ? "succeeded" : "failed"
        default: status = task.state.rawValue
        }
        nodeID = task.nodeID
        exitCode = task.exitCode
        startTime = task.startTime
        endTime = task.endTime
        durationSeconds = task.startTime.map { start in
            let end = task.state == .completed ? (task.endTime ?? now) : now
            return max(0, end.timeIntervalSince(start))
        }
        retryCount = task.retryCount
        commandLine = task.commandLine
        failure = task.failure
    }

    /// Where a status sorts: failures first, finished successes last.
    static func rank(_ status: String) -> Int {
        switch status {
        case "failed": 0
        case "running": 1
        case "preparing": 2
        case "active": 3
        case "succeeded": 5
        default: 4
        }
    }

    static func sorted(_ rows: [TaskRow]) -> [TaskRow] {
        rows.sorted { left, right in
            let (a, b) = (rank(left.status), rank(right.status))
            if a != b { return a < b }
            return left.id.compare(right.id, options: .numeric) == .orderedAscending
        }
    }
}
