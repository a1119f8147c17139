import AzureBatchKit
import AzureKitCore
import Foundation

/// A local run's state for the dashboard: the ``AzureBatchKit/LocalBatchRunner``'s worker slots are the nodes
/// (`slot-1`…`slot-N`, running or idle), its tasks the tasks. Reading it costs nothing but an actor hop.
///
/// ```swift
/// let run = LocalBatchRunner(workDirectory: folder, parallelism: 2).start(job: "airlines", tasks: tasks)
/// let dashboard = try await Dashboard.start(source: LocalJobStateSource(run: run))
/// ```
public struct LocalJobStateSource: JobStateSource {
    public let run: LocalJobRun
    public let startTime: Date
    private let inputBytes: @Sendable (String) -> Int64?
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - inputBytes: the input size of a task, by task id, when known (for the MB/s figure).
    ///   - now: the wall clock (tests pass a fixed one).
    public init(
        run: LocalJobRun, startTime: Date = Date(), inputBytes: @escaping @Sendable (String) -> Int64? = { _ in nil },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.run = run
        self.startTime = startTime
        self.inputBytes = inputBytes
        self.now = now
    }

    public func refresh() async throws -> JobSnapshot {
        let time = now()
        let statuses = await run.taskStatuses()
        let counts = await run.currentProgress()
        let state = Self.state(
            jobID: run.jobID, slots: run.parallelism, statuses: statuses, counts: counts,
            startTime: startTime, now: time, inputBytes: inputBytes)
        return state
    }

    public func stderrTail(task taskID: String, maxBytes: Int = 4096) async throws -> String {
        guard let result = await run.taskStatuses().first(where: { $0.taskID == taskID })?.result else { return "" }
        return Redaction.default.redactURLs(in: result.stderrTail(maxBytes: maxBytes))
    }

    /// The state of `statuses` (pure: tests build it without running anything).
    static func state(
        jobID: String, slots: Int, statuses: [LocalTaskStatus], counts: TaskCounts, startTime: Date, now: Date,
        inputBytes: (String) -> Int64?
    ) -> JobSnapshot {
        let tasks = statuses.map { status -> TaskRecord in
            let result = status.result
            let failure = result?.failureInfo.map {
                Redaction.default.redactURLs(in: "\($0.code ?? "failure"): \($0.message ?? "")")
            }
            return TaskRecord(
                id: status.taskID, state: status.state, result: result?.result,
                nodeID: status.slot.map(slotName), exitCode: result?.exitCode.map(Int.init),
                startTime: result?.startTime ?? status.startTime, endTime: result?.endTime,
                retryCount: result?.retryCount ?? 0, commandLine: Redaction.default.redactURLs(in: status.commandLine),
                failure: failure, inputBytes: result != nil ? inputBytes(status.taskID) : nil)
        }
        let busy = Dictionary(grouping: tasks.filter { $0.state == .running }, by: { $0.nodeID ?? "" }).mapValues(
            \.count)
        let nodes = (0..<max(1, slots)).map { slot in
            let name = slotName(slot)
            return NodeRecord(
                id: name, state: busy[name] != nil ? .running : .idle, isDedicated: true, runningTasks: busy[name] ?? 0)
        }
        // The local "pool" has a fixed size: one sample at the start and one now draw a flat line.
        let samples = [
            PoolSample(time: startTime, currentNodes: slots, targetNodes: slots),
            PoolSample(time: max(now, startTime), currentNodes: slots, targetNodes: slots),
        ]
        return JobSnapshot(
            mode: .local, jobID: jobID, poolID: "local", startTime: startTime, observedAt: now, counts: counts,
            tasks: tasks, nodes: nodes, poolSamples: samples)
    }

    static func slotName(_ slot: Int) -> String { "slot-\(slot + 1)" }
}
