import AzureBatchKit
import Foundation
import Testing

@testable import AzureBatchDashboard

/// The view model with a fixed clock: every number is a function of the state and `now`.
@Suite("Dashboard view model")
struct DashboardViewTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// 8 tasks at t0 + 240 s: three succeeded (ended at 30, 60, 90 s), one failed (200 s), two running, two waiting.
    static func runningState() -> JobSnapshot {
        let tasks = [
            TaskRecord(
                id: "task1", state: .completed, result: .success, nodeID: "node-a", exitCode: 0, startTime: at(0),
                endTime: at(30), inputBytes: 30_000_000),
            TaskRecord(
                id: "task2", state: .completed, result: .success, nodeID: "node-b", exitCode: 0, startTime: at(0),
                endTime: at(60), inputBytes: 40_000_000),
            TaskRecord(
                id: "task10", state: .completed, result: .success, nodeID: "node-a", exitCode: 0, startTime: at(30),
                endTime: at(90), inputBytes: 50_000_000),
            TaskRecord(
                id: "task4", state: .completed, result: .failure, nodeID: "node-b", exitCode: 3, startTime: at(60),
                endTime: at(200),
                retryCount: 2, failure: "FailureExitCode: exit 3"),
            TaskRecord(id: "task5", state: .running, nodeID: "node-a", startTime: at(90)),
            TaskRecord(id: "task6", state: .running, startTime: at(200)),
            TaskRecord(id: "task7", state: .active),
            TaskRecord(id: "task8", state: .active),
        ]
        return JobSnapshot(
            mode: .local, jobID: "job", startTime: t0, observedAt: at(240),
            counts: TaskCounts(active: 2, running: 2, completed: 4, succeeded: 3, failed: 1), tasks: tasks,
            nodes: [NodeRecord(id: "node-b", state: .idle), NodeRecord(id: "node-a", state: .running, runningTasks: 1)])
    }

    @Test("summary: counts, elapsed, overall and recent throughput, ETA from the recent rate, input MB/s")
    func summary() {
        let view = DashboardView(state: Self.runningState(), now: Self.at(240), throughputWindow: 150)
        let summary = view.summary
        let counts: [Int] = [
            summary.total, summary.active, summary.running, summary.completed, summary.succeeded, summary.failed,
        ]
        #expect(counts == [8, 2, 2, 4, 3, 1])
        #expect(summary.elapsedSeconds == 240)
        #expect(summary.tasksPerMinute == 1.0)  // 4 completed in 4 minutes
        #expect(abs((summary.recentTasksPerMinute ?? 0) - 0.4) < 1e-9)  // only the 200 s completion in the last 150 s
        #expect(abs((summary.etaSeconds ?? 0) - 600) < 1e-6)  // 4 left at 0.4/min
        #expect(summary.inputMBPerSecond == 0.5)  // 120 MB of completed input over 240 s
        #expect(!summary.isComplete)
    }

    @Test("ETA: the overall rate when nothing completed recently, none before the first completion, 0 when done")
    func eta() {
        let state = Self.runningState()
        let quiet = DashboardView(state: state, now: Self.at(240), throughputWindow: 30).summary
        #expect(quiet.recentTasksPerMinute == nil)
        #expect(quiet.etaSeconds == 240)  // 4 left at 1/min
        var fresh = state
        fresh.tasks = state.tasks.map { TaskRecord(id: $0.id, state: .active) }
        fresh.counts = TaskCounts(active: 8)
        #expect(DashboardView(state: fresh, now: Self.at(240)).summary.etaSeconds == nil)
        var done = state
        done.counts = TaskCounts(completed: 8, succeeded: 7, failed: 1)
        done.tasks = state.tasks.map { task in
            var task = task
            if task.state != .completed {
                task.state = .completed
                task.result = .success
                task.endTime = Self.at(300)
            }
            return task
        }
        let complete = DashboardView(state: done, now: Self.at(900)).summary
        #expect(complete.isComplete && complete.etaSeconds == 0)
        #expect(complete.elapsedSeconds == 300)  // to the last end, not to now
    }

    @Test("table: failed first, then running, waiting, succeeded; numeric id order within a group; durations")
    func table() {
        let rows = DashboardView(state: Self.runningState(), now: Self.at(240)).tasks
        #expect(rows.map(\.id) == ["task4", "task5", "task6", "task7", "task8", "task1", "task2", "task10"])
        #expect(
            rows.map(\.status) == [
                "failed", "running", "running", "active", "active", "succeeded", "succeeded", "succeeded",
            ])
        #expect(rows[0].durationSeconds == 140 && rows[0].retryCount == 2 && rows[0].exitCode == 3)
        #expect(rows[1].durationSeconds == 150)  // running: until now
        #expect(rows[3].durationSeconds == nil)
    }

    @Test("timeline: a lane per node (unassigned last), bars from start to end or now, coloured by outcome")
    func timeline() {
        let timeline = DashboardView(state: Self.runningState(), now: Self.at(240)).timeline
        #expect(timeline.lanes == ["node-a", "node-b", "(no node)"])
        #expect(timeline.span == 240)
        let bars = Dictionary(uniqueKeysWithValues: timeline.bars.map { ($0.taskID, $0) })
        #expect(bars.count == 6)
        #expect(
            bars["task4"].map { [$0.start, $0.end] } == [60, 200] && bars["task4"]?.outcome == "failed"
                && bars["task4"]?.lane == 1)
        #expect(bars["task5"].map { [$0.start, $0.end] } == [90, 240] && bars["task5"]?.outcome == "running")
        #expect(bars["task6"]?.lane == 2)
        #expect(bars["task10"]?.outcome == "succeeded" && bars["task10"]?.lane == 0)
    }

    @Test(
        "heat map: every state lands in a legend group, unknown service values in 'other'",
        arguments: [
            (NodeState.idle, "idle"), (.running, "running"), (.creating, "starting"),
            (.waitingForStartTask, "starting"),
            (.rebooting, "starting"), (.startTaskFailed, "starttaskfailed"), (.preempted, "preempted"),
            (.unusable, "unusable"),
            (.offline, "offline"), (.leavingPool, "other"), (NodeState(rawValue: "hibernating"), "other"),
        ])
    func heatMapCategory(state: NodeState, category: String) {
        #expect(NodeHeatMap.category(of: state) == category)
    }

    @Test("heat map: counts per group, zeros included, cells sorted by node id")
    func heatMapCounts() {
        let nodes = [
            NodeRecord(id: "n10", state: .running), NodeRecord(id: "n2", state: .preempted),
            NodeRecord(id: "n1", state: .running),
            NodeRecord(id: "n3", state: .starting),
        ]
        let map = NodeHeatMap(nodes: nodes)
        #expect(map.cells.map(\.nodeID) == ["n1", "n2", "n3", "n10"])
        #expect(
            map.counts == [
                "idle": 0, "running": 2, "starting": 1, "starttaskfailed": 0, "preempted": 1, "unusable": 0,
                "offline": 0, "other": 0,
            ])
    }

    @Test("pool size: times from the origin, the y axis covers the autoscale target")
    func poolSize() {
        var state = Self.runningState()
        state.poolSamples = [
            PoolSample(time: Self.at(60), currentNodes: 2, targetNodes: 3, autoscaleTarget: 5),
            PoolSample(time: Self.at(0), currentNodes: 0, targetNodes: 3),
        ]
        let series = DashboardView(state: state, now: Self.at(240)).poolSize
        #expect(series.points.map(\.time) == [0, 60])
        #expect(series.maxNodes == 5 && series.span == 240)
    }

    @Test(
        "the autoscale target is the sum of the formula's dedicated and Spot targets",
        arguments: [
            ("$TargetDedicatedNodes=1;$TargetLowPriorityNodes=3;$NodeDeallocationOption=taskcompletion", 4),
            ("$TargetLowPriorityNodes = 2.0", 2),
            ("$NodeDeallocationOption=requeue", nil),
        ] as [(String, Int?)])
    func autoscaleTarget(results: String, expected: Int?) {
        #expect(BatchJobStateSource.autoscaleTarget(results) == expected)
    }
}

extension DashboardViewTests {
    @Test("a finished job's charts end at its last task, not at the time the report is made")
    func finishedSpan() {
        var state = Self.runningState()
        state.startTime = nil
        state.counts = TaskCounts(completed: 4, succeeded: 3, failed: 1)
        state.tasks = Array(state.tasks.prefix(4))
        state.poolSamples = [PoolSample(time: Self.at(0), currentNodes: 2)]
        let view = DashboardView(state: state, now: Self.at(86_400))
        #expect(view.timeline.span == 200)
        #expect(view.poolSize.span == 200)
        #expect(view.summary.elapsedSeconds == 200)
    }
}
