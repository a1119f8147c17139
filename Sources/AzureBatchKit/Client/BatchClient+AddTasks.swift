import AzureKitCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension BatchClient {
    /// Adds any number of tasks with as few requests as the service allows: chunks of at most 100 tasks and
    /// under 1 MB, up to ``AddTasksOptions/maxConcurrentRequests`` requests in flight.
    ///
    /// Per-task server errors are resubmitted; `TaskExists` on a resubmission counts as added;
    /// `RequestBodyTooLarge` halves the chunk. 10,000 tasks take 100 requests plus retries.
    ///
    /// ```swift
    /// let tasks = (0..<10_000).map { i in TaskSpecification(id: "shard-\(i)", command: TaskCommandLine(["/app/worker", "--shard", "\(i)"])) }
    /// let report = try await batch.addTasks(tasks, toJob: "job-1") { print("\($0.added)/\($0.total)") }
    /// ```
    /// - Returns: the report when every task was added.
    /// - Throws: ``AddTasksError`` listing each task not added with its code and message (the report inside
    ///   says which were added); ``AzureClientError`` for duplicate task ids; `CancellationError`.
    @discardableResult
    public func addTasks(
        _ tasks: [TaskSpecification], toJob jobID: String, options: AddTasksOptions = .init(),
        progress: (@Sendable (AddTasksProgress) -> Void)? = nil, logger: Logger = .azureDisabled
    ) async throws -> AddTasksReport {
        try await operation("addTasks") {
            try await addTasksTraced(
                tasks, toJob: jobID, options: options, progress: progress, logger: resolvedLogger(logger))
        }
    }

    private func addTasksTraced(
        _ tasks: [TaskSpecification], toJob jobID: String, options: AddTasksOptions,
        progress: (@Sendable (AddTasksProgress) -> Void)?, logger: Logger
    ) async throws -> AddTasksReport {
        var seen = Set<String>()
        for task in tasks where !seen.insert(task.id.lowercased()).inserted {
            throw AzureClientError(
                .invalidArgument, "task id '\(task.id)' appears more than once (ids are compared ignoring case)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let bodies = try tasks.map { try encoder.encode($0) }
        var planner = AddTasksPlanner(ids: tasks.map(\.id), bodies: bodies, options: options)
        logger.info("adding tasks", metadata: ["az-job": .string(jobID), "az-tasks": .stringConvertible(tasks.count)])
        var requests = 0
        var attempts = 0
        var stoppedBy: String?
        let total = tasks.count

        try await withBoundedTaskGroup(maxInFlight: options.maxConcurrentRequests) { () -> AddTasksPlanner.Chunk? in
            guard let chunk = planner.nextChunk() else { return nil }
            requests += 1
            return chunk
        } run: { chunk in
            do {
                let (results, attempts) = try await self.addTaskCollection(
                    body: chunk.body, toJob: jobID, logger: logger)
                return ChunkOutcome(chunk: chunk, result: .success(results), attempts: attempts)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                return ChunkOutcome(chunk: chunk, result: .failure(error), attempts: 1)
            }
        } handle: { outcome in
            attempts += outcome.attempts
            switch outcome.result {
            case .success(let results):
                planner.handle(results: results, for: outcome.chunk, retriedOnTheWire: outcome.attempts > 1)
            case .failure(let error as AzureServiceError)
            where error.status == 413 || error.code == .requestBodyTooLarge:
                logger.debug(
                    "add task collection too large; halving the chunk",
                    metadata: ["az-tasks": .stringConvertible(outcome.chunk.indices.count)])
                planner.handleTooLarge(outcome.chunk, error: error)
            case .failure(let error):
                logger.warning(
                    "add task collection failed; stopping",
                    metadata: ["az-error": .string(String(describing: error))])
                if stoppedBy == nil { stoppedBy = String(describing: error) }
                planner.stop(outcome.chunk, error: error)
            }
            progress?(AddTasksProgress(added: planner.added.count, failed: planner.failures.count, total: total))
        }

        let report = AddTasksReport(
            added: planner.added.map { tasks[$0].id }, failures: planner.failures, requests: requests,
            httpAttempts: attempts, resubmissions: planner.resubmissions, finalChunkLimit: planner.chunkLimit)
        logger.log(
            level: report.failures.isEmpty ? .info : .warning, "tasks added",
            metadata: [
                "az-job": .string(jobID), "az-added": .stringConvertible(report.added.count),
                "az-failed": .stringConvertible(report.failures.count), "az-requests": .stringConvertible(requests),
                "az-http-attempts": .stringConvertible(attempts),
                "az-resubmissions": .stringConvertible(report.resubmissions),
            ])
        guard report.failures.isEmpty else { throw AddTasksError(report: report, stoppedBy: stoppedBy) }
        return report
    }
}

/// One chunk's answer, carried out of the task group.
private struct ChunkOutcome: Sendable {
    let chunk: AddTasksPlanner.Chunk
    let result: Result<[TaskAddResult], any Error>
    let attempts: Int
}
