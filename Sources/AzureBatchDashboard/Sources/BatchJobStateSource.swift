import AzureBatchKit
import AzureKitCore
import Foundation
import Logging

/// A job's state read from Azure Batch, cheaply: task counts every few seconds, then only the tasks whose state
/// changed since the last listing (`$filter=stateTransitionTime ge DateTime'…'`, with `$select`), the pool's
/// nodes (`$select`) and its size. Each resource is read at most once per its interval in
/// ``BatchPollingOptions``, however often ``refresh()`` is called; throttling (429/503) is retried with back-off
/// by the client's pipeline, and a read that still fails keeps the previous state, reports the error and waits
/// twice as long before the next try (up to 32 times the interval).
///
/// ```swift
/// let source = BatchJobStateSource(client: batch, jobID: "airlines-2026", poolID: "Airlines")
/// let state = try await source.refresh()
/// print(state.counts, state.nodes.count)
/// ```
public actor BatchJobStateSource: JobStateSource {
    public let client: BatchClient
    public let jobID: String
    public let poolID: String?
    public let options: BatchPollingOptions
    private let startTime: Date?
    private let now: @Sendable () -> Date
    private let logger: Logger

    private var counts = TaskCounts()
    private var countsRead = false
    private var tasks: [String: TaskRecord] = [:]
    private var nodes: [NodeRecord] = []
    private var samples: [PoolSample] = []
    private var watermark: Date?
    private var lastRead: [Resource: Date] = [:]
    /// Consecutive failed reads per resource: each doubles its interval (up to 32×), so an outage or
    /// throttling the pipeline's own retries did not ride out is not hammered every refresh.
    private var failures: [Resource: Int] = [:]
    private var tails: [String: String] = [:]
    /// Requests sent by ``refresh()`` and ``stderrTail(task:maxBytes:)`` (one per page), for budget checks.
    public private(set) var requestCount = 0

    enum Resource: Hashable { case counts, tasks, nodes, pool }

    /// The select lists, kept to what the page shows.
    static let taskFields = ["id", "state", "stateTransitionTime", "commandLine", "executionInfo", "nodeInfo"]
    static let nodeFields = ["id", "state", "isDedicated", "runningTasksCount"]
    static let poolFields = [
        "id", "currentDedicatedNodes", "currentLowPriorityNodes", "targetDedicatedNodes",
        "targetLowPriorityNodes", "enableAutoScale", "autoScaleRun",
    ]
    /// Pool samples kept (about 83 hours at the default 30 s).
    static let maxSamples = 10_000

    /// - Parameters:
    ///   - poolID: the job's pool, for the node heat map and pool size; `nil` shows tasks only.
    ///   - startTime: when the job started (defaults to the first task start).
    ///   - now: the wall clock (tests pass a fixed one).
    public init(
        client: BatchClient, jobID: String, poolID: String?, options: BatchPollingOptions = .init(),
        startTime: Date? = nil, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = .azureDisabled
    ) {
        self.client = client
        self.jobID = jobID
        self.poolID = poolID
        self.options = options
        self.startTime = startTime
        self.now = now
        self.logger = logger
    }

    public func refresh() async throws -> JobSnapshot {
        let time = now()
        var errors: [String] = []
        if let error = await attempt(
            .counts, every: options.countsInterval, at: time,
            {
                requestCount += 1
                counts = try await client.taskCounts(job: jobID, logger: logger).taskCounts
                countsRead = true
            })
        {
            errors.append(error)
        }
        if tasks.isEmpty || listedCounts != counts,
            let error = await attempt(.tasks, every: options.tasksInterval, at: time, { try await readChangedTasks() })
        {
            errors.append(error)
        }
        if let poolID {
            if let error = await attempt(
                .nodes, every: options.nodesInterval, at: time, { try await readNodes(pool: poolID) })
            {
                errors.append(error)
            }
            if let error = await attempt(
                .pool, every: options.poolInterval, at: time, { try await readPool(poolID, at: time) })
            {
                errors.append(error)
            }
        }
        if !countsRead && tasks.isEmpty, let first = errors.first {
            throw AzureClientError(.unexpectedResponse, "cannot read job \(jobID): \(first)")
        }
        return JobSnapshot(
            mode: .azure, jobID: jobID, poolID: poolID, startTime: startTime, observedAt: time,
            counts: countsRead ? counts : listedCounts,
            tasks: tasks.values.sorted { $0.id < $1.id }, nodes: nodes, poolSamples: samples,
            lastError: errors.isEmpty ? nil : errors.joined(separator: "; "))
    }

    public func stderrTail(task taskID: String, maxBytes: Int = 4096) async throws -> String {
        if let cached = tails[taskID] { return cached }
        requestCount += 2  // HEAD for the size, one ranged GET
        let text = Redaction.default.redactURLs(
            in:
                try await client.stderrTail(job: jobID, task: taskID, maxBytes: Int64(maxBytes), logger: logger))
        // A completed task's files no longer change.
        if tasks[taskID]?.state == .completed { tails[taskID] = text }
        return text
    }

    // MARK: Reads

    /// Runs `body` when `resource` is due and records the read; returns the error text if it failed.
    private func attempt(_ resource: Resource, every interval: Duration, at time: Date, _ body: () async throws -> Void)
        async -> String?
    {
        guard isDue(resource, interval, at: time) else { return nil }
        lastRead[resource] = time
        do {
            try await body()
            failures[resource] = nil
            return nil
        } catch {
            failures[resource, default: 0] += 1
            return Redaction.default.redactURLs(in: "\(resource): \(error)")
        }
    }

    private func isDue(_ resource: Resource, _ interval: Duration, at time: Date) -> Bool {
        guard let last = lastRead[resource] else { return true }
        let backOff = Double(1 << min(failures[resource] ?? 0, 5))
        return time.timeIntervalSince(last) >= interval.timeInterval * backOff
    }

    /// The counts the listed tasks add up to.
    var listedCounts: TaskCounts {
        var tally = TaskCounts()
        for task in tasks.values {
            switch task.state {
            case .completed:
                tally.completed += 1
                if task.result == .success { tally.succeeded += 1 } else { tally.failed += 1 }
            case .active: tally.active += 1
            default: tally.running += 1
            }
        }
        return tally
    }

    /// The OData filter of the next task listing: everything the first time, then what changed since the newest
    /// change seen, minus the overlap.
    var taskFilter: String? {
        guard let watermark else { return nil }
        return
            "stateTransitionTime ge DateTime'\(BatchODataTime.format(watermark.addingTimeInterval(-options.transitionOverlap.timeInterval)))'"
    }

    private func readChangedTasks() async throws {
        let listing = client.listTasks(
            job: jobID,
            options: BatchListOptions(
                filter: taskFilter, select: Self.taskFields,
                maxResults: options.pageSize), logger: logger)
        var changed: [TaskRecord] = []
        for try await page in listing.pages {
            requestCount += 1
            changed += page.items.map(Self.record)
        }
        for task in changed {
            tasks[task.id] = task
            if let time = task.stateTransitionTime, watermark.map({ time > $0 }) ?? true { watermark = time }
        }
    }

    private func readNodes(pool poolID: String) async throws {
        var listed: [NodeRecord] = []
        let listing = client.listNodes(
            pool: poolID, options: BatchListOptions(select: Self.nodeFields, maxResults: options.pageSize),
            logger: logger)
        for try await page in listing.pages {
            requestCount += 1
            listed += page.items.map { node in
                NodeRecord(
                    id: node.id, state: node.state ?? .unknown, isDedicated: node.isDedicated,
                    runningTasks: node.runningTasksCount ?? 0)
            }
        }
        nodes = listed
    }

    private func readPool(_ poolID: String, at time: Date) async throws {
        requestCount += 1
        let pool = try await client.getPool(poolID, select: Self.poolFields, logger: logger)
        let current = (pool.currentDedicatedNodes ?? 0) + (pool.currentLowPriorityNodes ?? 0)
        let target =
            pool.targetDedicatedNodes.map { $0 + (pool.targetLowPriorityNodes ?? 0) } ?? pool.targetLowPriorityNodes
        let formulaTarget =
            pool.enableAutoScale == true ? pool.autoScaleRun?.results.flatMap(Self.autoscaleTarget) : nil
        samples.append(
            PoolSample(time: time, currentNodes: current, targetNodes: target, autoscaleTarget: formulaTarget))
        if samples.count > Self.maxSamples { samples.removeFirst(samples.count - Self.maxSamples) }
    }

    /// `$TargetDedicatedNodes + $TargetLowPriorityNodes` from an autoscale run's results
    /// (`$TargetDedicatedNodes=0;$TargetLowPriorityNodes=3;$NodeDeallocationOption=taskcompletion`).
    static func autoscaleTarget(_ results: String) -> Int? {
        var total: Int?
        for assignment in results.split(separator: ";") {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, ["$TargetDedicatedNodes", "$TargetLowPriorityNodes"].contains(parts[0]),
                let value = Double(parts[1])
            else { continue }
            total = (total ?? 0) + Int(value.rounded())
        }
        return total
    }

    static func record(_ task: BatchTask) -> TaskRecord {
        let info = task.executionInfo
        let failure = info?.failureInfo.map {
            Redaction.default.redactURLs(in: "\($0.code ?? "failure"): \($0.message ?? "")")
        }
        return TaskRecord(
            id: task.id, state: task.state ?? .active, result: info?.result, nodeID: task.nodeInfo?.nodeId,
            exitCode: info?.exitCode, startTime: info?.startTime, endTime: info?.endTime,
            retryCount: info?.retryCount ?? 0,
            commandLine: task.commandLine.map { Redaction.default.redactURLs(in: $0) },
            failure: failure, stateTransitionTime: task.stateTransitionTime)
    }
}

/// The `DateTime'…'` literal of Batch's OData filters: UTC, millisecond precision.
enum BatchODataTime {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
