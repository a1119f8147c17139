import AzureBatchKit
import AzureKitCore
import Foundation

/// A Batch account in process, for end-to-end tests of a submission: the data-plane calls SubmitYears makes are
/// answered from memory, and the job's tasks really run — as processes, through ``AzureBatchKit/LocalBatchRunner``
/// with its dependency scheduling — once the submission sets `onAllTasksComplete` (its last call).
///
/// What Batch does and the runner cannot is translated: a task the runner reports blocked by a failed
/// dependency is shown `active` for ever, as Batch leaves it, so the client has to notice on its own.
final class BatchEmulator: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [String: JobSpecification] = [:]
    private var taskLists: [String: [TaskSpecification]] = [:]
    private var runs: [String: LocalJobRun] = [:]
    private var log: [String] = []
    let workDirectory: URL
    /// Added to every job's environment (for example a PATH that finds `AirlineAnalytics`).
    let environment: [EnvironmentSetting]

    init(workDirectory: URL, environment: [String: String]) {
        self.workDirectory = workDirectory
        self.environment = environment.sorted { $0.key < $1.key }.map {
            EnvironmentSetting(name: $0.key, value: $0.value)
        }
    }

    /// `METHOD /path` of every request, in order.
    var requests: [String] { lock.withLock { log } }
    func job(_ id: String) -> JobSpecification? { lock.withLock { jobs[id] } }
    func tasks(_ jobID: String) -> [TaskSpecification] { lock.withLock { taskLists[jobID] ?? [] } }

    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let parts = request.url.path.split(separator: "/").map(String.init)
        lock.withLock { log.append("\(request.method.rawValue) /\(parts.joined(separator: "/"))") }
        let body = try await request.body.collect()
        switch (request.method.rawValue, parts.count, parts.first) {
        case ("POST", 1, "pools"):
            return Self.error(409, "PoolExists", "The specified pool already exists.")
        case ("POST", 1, "jobs"):
            let job = try Self.decoder.decode(JobSpecification.self, from: body)
            lock.withLock { jobs[job.id] = job }
            return HTTPResponse(status: 201)
        case ("POST", 3, "jobs") where parts[2] == "addtaskcollection":
            let collection = try Self.decoder.decode(TaskCollection.self, from: body)
            let job = parts[1]
            if collection.value.contains(where: { $0.dependsOn != nil }), self.job(job)?.usesTaskDependencies != true {
                return Self.error(400, "TaskDependenciesNotSpecifiedOnJob", "The job does not use task dependencies.")
            }
            lock.withLock { taskLists[job, default: []] += collection.value }
            let results = collection.value.map { TaskAddResult(status: .success, taskId: $0.id) }
            return try Self.json(["value": results])
        case ("PATCH", 2, "jobs"):
            let update = try Self.decoder.decode(JobUpdate.self, from: body)
            if update.onAllTasksComplete == .terminateJob { start(parts[1]) }
            return HTTPResponse(status: 200)
        case ("POST", 3, "jobs") where parts[2] == "terminate":
            lock.withLock { runs[parts[1]] }?.cancel()
            return HTTPResponse(status: 202)
        case ("GET", 3, "jobs") where parts[2] == "taskcounts":
            return try Self.json(TaskCountsResult(taskCounts: await counts(parts[1])))
        case ("GET", 3, "jobs") where parts[2] == "tasks":
            return try Self.json(["value": await listed(parts[1])])
        case ("GET", 6, "jobs") where parts[2] == "tasks" && parts[4] == "files",
            ("HEAD", 6, "jobs") where parts[2] == "tasks" && parts[4] == "files":
            let file = workDirectory.appendingPathComponent(parts[1]).appendingPathComponent(parts[3])
                .appendingPathComponent(parts[5])
            guard let data = try? Data(contentsOf: file) else {
                return Self.error(404, "FileNotFound", "no \(parts[5])")
            }
            // HEAD answers without a length, so the client reads the whole (small) file.
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/octet-stream"],
                body: request.method.rawValue == "HEAD" ? Data() : data)
        default:
            return Self.error(
                404, "ResourceNotFound",
                "the emulator does not implement \(request.method.rawValue) \(request.url.path)")
        }
    }

    private func start(_ jobID: String) {
        lock.withLock {
            guard runs[jobID] == nil, var job = jobs[jobID] else { return }
            job.commonEnvironmentSettings = (job.commonEnvironmentSettings ?? []) + environment
            runs[jobID] = LocalBatchRunner(workDirectory: workDirectory, parallelism: 2).start(
                job: job, tasks: taskLists[jobID] ?? [])
        }
    }

    /// The runner's statuses as Batch shows them: blocked tasks stay `active`.
    private func statuses(_ jobID: String) async -> [LocalTaskStatus] {
        guard let run = lock.withLock({ runs[jobID] }) else {
            return tasks(jobID).map { LocalTaskStatus(taskID: $0.id, commandLine: $0.commandLine) }
        }
        return await run.taskStatuses().map { status in
            guard status.result?.blockedBy != nil else { return status }
            return LocalTaskStatus(taskID: status.taskID, commandLine: status.commandLine)
        }
    }

    private func counts(_ jobID: String) async -> TaskCounts {
        var counts = TaskCounts()
        for status in await statuses(jobID) {
            switch status.state {
            case .running: counts.running += 1
            case .completed:
                counts.completed += 1
                if status.result?.succeeded == true { counts.succeeded += 1 } else { counts.failed += 1 }
            default: counts.active += 1
            }
        }
        return counts
    }

    private func listed(_ jobID: String) async -> [BatchTask] {
        await statuses(jobID).map { status in
            let info = status.result.map { result in
                TaskExecutionInfo(
                    startTime: result.startTime, endTime: result.endTime, exitCode: result.exitCode.map(Int.init),
                    failureInfo: result.failureInfo, retryCount: result.retryCount, result: result.result)
            }
            return BatchTask(
                id: status.taskID, state: status.state, commandLine: status.commandLine, executionInfo: info)
        }
    }

    static let decoder = JSONDecoder()

    static func json<Value: Encodable>(_ value: Value) throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try JSONEncoder().encode(value))
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        let body = #"{"code":"\#(code)","message":{"lang":"en-US","value":"\#(message)"}}"#
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }
}
