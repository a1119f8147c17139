import AzureBatchKit
import Foundation

/// The Gantt view: one lane per node (or local slot), one bar per task that has started, coloured by outcome.
/// Times are seconds from the chart's origin (the job's start).
public struct TaskTimeline: Sendable, Hashable, Codable {
    public struct Bar: Sendable, Hashable, Codable {
        public var taskID: String
        /// Index into ``TaskTimeline/lanes``.
        public var lane: Int
        public var start: Double
        public var end: Double
        /// `running`, `succeeded` or `failed`.
        public var outcome: String
    }

    /// Node ids, sorted; tasks without a node share a last lane named `(no node)`.
    public var lanes: [String]
    public var bars: [Bar]
    /// The time axis runs from 0 to this many seconds (at least one).
    public var span: Double

    static let unassigned = "(no node)"

    init(tasks: [TaskRecord], nodes: [NodeRecord], origin: Date, now: Date) {
        let started = tasks.filter { $0.startTime != nil }
        var names = Set(nodes.map(\.id))
        for task in started { names.insert(task.nodeID ?? Self.unassigned) }
        lanes = names.sorted { a, b in
            if a == Self.unassigned || b == Self.unassigned { return b == Self.unassigned && a != b }
            return a.compare(b, options: .numeric) == .orderedAscending
        }
        let index = Dictionary(uniqueKeysWithValues: lanes.enumerated().map { ($1, $0) })
        var span = 1.0
        bars = started.sorted { ($0.startTime!, $0.id) < ($1.startTime!, $1.id) }.map { task in
            let start = max(0, task.startTime!.timeIntervalSince(origin))
            let finished = task.state == .completed
            let end = max(start, ((finished ? task.endTime : nil) ?? now).timeIntervalSince(origin))
            span = max(span, end)
            let outcome = !finished ? "running" : task.result == .success ? "succeeded" : "failed"
            return Bar(
                taskID: task.id, lane: index[task.nodeID ?? Self.unassigned] ?? 0, start: start, end: end,
                outcome: outcome)
        }
        self.span = max(span, now.timeIntervalSince(origin), 1)
    }
}
