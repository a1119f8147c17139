import AzureKitCore
import Logging

extension BatchClient {
    /// Creates a job.
    /// - Throws: ``AzureServiceError`` with `.jobExists` (409), `.poolNotFound`…
    public func createJob(_ job: JobSpecification, logger: Logger = .azureDisabled) async throws {
        _ = try await send(.post, ["jobs"], body: Self.encode(job), operation: "Jobs_CreateJob", logger: logger)
        resolvedLogger(logger).info(
            "job created",
            metadata: ["az-job": .string(job.id), "az-pool": .string(job.poolInfo.poolId ?? "(auto pool)")])
    }

    /// Creates a job unless one with the same id exists.
    /// - Returns: `true` when this call created the job.
    @discardableResult
    public func createJobIfAbsent(_ job: JobSpecification, logger: Logger = .azureDisabled) async throws -> Bool {
        try await operation("createJobIfAbsent") {
            do {
                try await createJob(job, logger: logger)
                return true
            } catch let error as AzureServiceError where error.code == .jobExists {
                resolvedLogger(logger).info("job exists", metadata: ["az-job": .string(job.id)])
                return false
            }
        }
    }

    /// Gets a job.
    /// - Throws: ``AzureServiceError`` with `.jobNotFound` (404).
    public func getJob(
        _ jobID: String, select: [String]? = nil, expand: [String]? = nil,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> BatchJob {
        let response = try await send(
            .get, ["jobs", jobID], query: BatchListOptions(select: select, expand: expand).query,
            conditions: conditions, operation: "Jobs_GetJob", logger: logger)
        return try Self.decode(BatchJob.self, from: response, operation: "Jobs_GetJob")
    }

    /// Changes the fields of a job that `update` sets (for example `onAllTasksComplete: .terminateJob` once every
    /// task is added).
    public func updateJob(
        _ jobID: String, _ update: JobUpdate, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .patch, ["jobs", jobID], body: Self.encode(update), conditions: conditions,
            operation: "Jobs_UpdateJob", logger: logger)
    }

    /// Terminates a job: active tasks never run, running ones are stopped, no new tasks are accepted.
    public func terminateJob(
        _ jobID: String, reason: String? = nil, force: Bool = false,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws {
        let body = reason.map { try? Self.encode(JobTerminateOptions(terminateReason: $0)) } ?? nil
        _ = try await send(
            .post, ["jobs", jobID, "terminate"], query: force ? [("force", "true")] : [], body: body,
            conditions: conditions, operation: "Jobs_TerminateJob", logger: logger)
        resolvedLogger(logger).info("job terminated", metadata: ["az-job": .string(jobID)])
    }

    /// Starts deleting a job with its tasks and their files.
    public func deleteJob(
        _ jobID: String, force: Bool = false, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .delete, ["jobs", jobID], query: force ? [("force", "true")] : [], conditions: conditions,
            operation: "Jobs_DeleteJob", logger: logger)
        resolvedLogger(logger).info("job deletion requested", metadata: ["az-job": .string(jobID)])
    }

    /// Lists jobs.
    public func listJobs(options: BatchListOptions = .init(), logger: Logger = .azureDisabled) -> PagedSequence<
        BatchJob
    > {
        list(["jobs"], query: options.query, operation: "Jobs_ListJobs", logger: logger)
    }

    /// How many of a job's tasks are active, running and completed (one request, whatever the number of tasks).
    public func taskCounts(job jobID: String, logger: Logger = .azureDisabled) async throws -> TaskCountsResult {
        let response = try await send(
            .get, ["jobs", jobID, "taskcounts"], operation: "Jobs_GetJobTaskCounts", logger: logger)
        return try Self.decode(TaskCountsResult.self, from: response, operation: "Jobs_GetJobTaskCounts")
    }
}
