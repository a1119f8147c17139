import AzureKitCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension BatchClient {
    /// Adds one task. For many tasks use ``addTasks(_:toJob:options:progress:logger:)``.
    /// - Throws: ``AzureServiceError`` with `.taskExists` (409), `.jobNotFound` (404)…
    public func addTask(_ task: TaskSpecification, toJob jobID: String, logger: Logger = .azureDisabled) async throws {
        _ = try await send(
            .post, ["jobs", jobID, "tasks"], body: Self.encode(task), operation: "Tasks_CreateTask", logger: logger)
    }

    /// Adds up to 100 tasks in one request. The service answers 200 even when some tasks fail: check each
    /// result's ``TaskAddResult/status``. Results are not in request order.
    /// - Throws: ``AzureServiceError`` when the whole request fails (`RequestBodyTooLarge` over 1 MB, …).
    public func addTaskCollection(
        _ tasks: [TaskSpecification], toJob jobID: String,
        logger: Logger = .azureDisabled
    ) async throws -> [TaskAddResult] {
        guard tasks.count <= 100 else {
            throw AzureClientError(
                .invalidArgument, "addTaskCollection takes at most 100 tasks, got \(tasks.count); use addTasks")
        }
        return try await addTaskCollection(
            body: Self.encode(TaskCollection(value: tasks)), toJob: jobID, logger: logger
        ).results
    }

    /// Sends an already encoded `{"value": [...]}` body (the bulk path encodes each task once); also returns how many
    /// HTTP attempts the pipeline made (``AzureKitCore/HTTPResponse/attempts``), since a request retried on the wire
    /// may already have been applied.
    func addTaskCollection(
        body: Data, toJob jobID: String, logger: Logger
    ) async throws -> (results: [TaskAddResult], attempts: Int) {
        // Safe to repeat after a dropped connection: task ids are unique within a job, so a repeated add cannot
        // create a second task; it answers `TaskExists` per task, which the bulk path counts as added.
        let response = try await send(
            .post, ["jobs", jobID, "addtaskcollection"], body: body,
            operation: "Tasks_CreateTaskCollection", idempotent: true, logger: logger)
        let results = try Self.decode(
            TaskAddCollectionResult.self, from: response, operation: "Tasks_CreateTaskCollection")
        return (results.value, response.attempts)
    }

    /// Gets a task.
    /// - Throws: ``AzureServiceError`` with `.taskNotFound` or `.jobNotFound` (404).
    public func getTask(
        job jobID: String, task taskID: String, select: [String]? = nil, expand: [String]? = nil,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> BatchTask {
        let response = try await send(
            .get, ["jobs", jobID, "tasks", taskID],
            query: BatchListOptions(select: select, expand: expand).query,
            conditions: conditions, operation: "Tasks_GetTask", logger: logger)
        return try Self.decode(BatchTask.self, from: response, operation: "Tasks_GetTask")
    }

    /// Lists a job's tasks page by page over `odata.nextLink`.
    ///
    /// ```swift
    /// for try await task in batch.listTasks(job: "j1", options: .init(filter: "state eq 'completed'", select: ["id"])) { … }
    /// ```
    public func listTasks(
        job jobID: String, options: BatchListOptions = .init(),
        logger: Logger = .azureDisabled
    ) -> PagedSequence<BatchTask> {
        list(["jobs", jobID, "tasks"], query: options.query, operation: "Tasks_ListTasks", logger: logger)
    }

    /// Terminates a task; a running task is stopped.
    public func terminateTask(
        job jobID: String, task taskID: String, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .post, ["jobs", jobID, "tasks", taskID, "terminate"], conditions: conditions,
            operation: "Tasks_TerminateTask", logger: logger)
    }

    /// Deletes a task and its files on the node.
    public func deleteTask(
        job jobID: String, task taskID: String, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .delete, ["jobs", jobID, "tasks", taskID], conditions: conditions,
            operation: "Tasks_DeleteTask", logger: logger)
    }
}
