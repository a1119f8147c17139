import AzureKitCore
import CoreMetrics
import Logging

extension BatchClient {
    /// Progress of a job's tasks, one Get Task Counts request per poll whatever the number of tasks.
    ///
    /// ```swift
    /// for try await p in batch.taskProgress(job: "job-1", options: .init(interval: .seconds(10))) {
    ///     print("running \(p.running) done \(p.completed)/\(p.total) failed \(p.failed)")
    /// }
    /// ```
    ///
    /// Each poll sets the `azure.batch.tasks` gauges (``AzureKitCore/AzureMetrics``) and a change of counts is
    /// logged at `.info`.
    public func taskProgress(
        job jobID: String, options: TaskProgressOptions = .init(),
        logger: Logger = .azureDisabled
    ) -> TaskProgressSequence {
        let logger = resolvedLogger(logger)
        let last = Locked<TaskCounts?>(nil)
        return TaskProgressSequence(options: options) {
            let counts = try await self.taskCounts(job: jobID, logger: logger).taskCounts
            Self.record(counts, job: jobID)
            if last.withLock({ previous in
                defer { previous = counts }
                return previous != counts
            }) {
                logger.info(
                    "task counts changed",
                    metadata: [
                        "az-job": .string(jobID), "az-active": .stringConvertible(counts.active),
                        "az-running": .stringConvertible(counts.running),
                        "az-completed": .stringConvertible(counts.completed),
                        "az-succeeded": .stringConvertible(counts.succeeded),
                        "az-failed": .stringConvertible(counts.failed),
                    ])
            }
            return counts
        }
    }

    /// The `azure.batch.tasks` gauges of one poll.
    static func record(_ counts: TaskCounts, job jobID: String) {
        let states = [
            ("active", counts.active), ("running", counts.running), ("completed", counts.completed),
            ("succeeded", counts.succeeded), ("failed", counts.failed),
        ]
        for (state, value) in states {
            Gauge(label: AzureMetrics.batchTasks, dimensions: [("job", jobID), ("state", state)]).record(value)
        }
    }

    /// Waits until every task of the job has completed, then lists the failed ones (one filtered request).
    ///
    /// ```swift
    /// let result = try await batch.waitForTasks(job: "job-1", timeout: .seconds(2 * 3600))
    /// for failed in result.failedTasks { print(failed, try await batch.stderrTail(job: "job-1", task: failed.taskID)) }
    /// ```
    /// - Throws: ``TaskWaitTimeoutError`` naming the job, the timeout and the last counts; service errors.
    public func waitForTasks(
        job jobID: String, timeout: Duration, options: TaskProgressOptions = .init(),
        logger: Logger = .azureDisabled
    ) async throws -> TaskWaitResult {
        let clock = options.clock
        let deadline = clock.now() + timeout
        var limited = options
        // Every poll comes back to this loop, so the deadline is checked even when nothing changes.
        limited.yieldsUnchanged = true
        // Never sleep past the deadline: the last poll happens at the deadline.
        limited.clock.sleep = { delay in
            let remaining = deadline - clock.now()
            guard remaining > .zero else { return }
            try await clock.sleep(min(delay, remaining))
        }
        var last: TaskProgress?
        for try await progress in taskProgress(job: jobID, options: limited, logger: logger) {
            last = progress
            if progress.isComplete { break }
            if clock.now() >= deadline {
                throw TaskWaitTimeoutError(jobID: jobID, timeout: timeout, lastProgress: last)
            }
        }
        guard let final = last, final.isComplete else {
            throw TaskWaitTimeoutError(jobID: jobID, timeout: timeout, lastProgress: last)
        }
        let failed = final.failed > 0 ? try await failedTasks(job: jobID, logger: logger) : []
        resolvedLogger(logger).log(
            level: failed.isEmpty ? .info : .warning, "all tasks completed",
            metadata: [
                "az-job": .string(jobID), "az-succeeded": .stringConvertible(final.succeeded),
                "az-failed": .stringConvertible(final.failed),
            ])
        return TaskWaitResult(progress: final, failedTasks: failed)
    }

    /// The job's failed tasks with exit codes and failure information: one filtered listing.
    public func failedTasks(job jobID: String, logger: Logger = .azureDisabled) async throws -> [FailedTask] {
        let options = BatchListOptions(
            filter: "executionInfo/result eq 'failure'",
            select: ["id", "state", "executionInfo", "nodeInfo"])
        return try await operation("failedTasks") {
            try await listTasks(job: jobID, options: options, logger: logger).collect().map(FailedTask.init)
        }
    }

    /// The end of a task's `stderr.txt` (or another file), to show why it failed: a HEAD for the size and one
    /// ranged read (`ocp-range`).
    public func stderrTail(
        job jobID: String, task taskID: String, maxBytes: Int64 = 4096,
        logger: Logger = .azureDisabled
    ) async throws -> String {
        try await operation("stderrTail") {
            try await taskFileTail(job: jobID, task: taskID, path: "stderr.txt", maxBytes: maxBytes, logger: logger)
                .text
        }
    }
}
