import AzureKitCore
import Foundation

/// Runs Batch task specifications as local processes: a development tool for trying a job without an Azure
/// account, not a pool.
///
/// Task dependencies are honoured as Batch honours them: a task starts once every task in its `dependsOn` (ids
/// and task id ranges) completed with a `satisfy` dependency action — exit code 0, unless the task's
/// `exitConditions` say otherwise (``ExitConditions/dependencyAction(after:)``). A `block` keeps every task
/// downstream from starting; Batch would leave those `active` for ever, so here they complete at once as failures
/// with code `TaskDependencyBlocked` and ``LocalTaskResult/blockedBy``. The graph is checked before anything runs
/// (``TaskDependencyGraph``): dependencies on a job without `usesTaskDependencies`, unknown ids, empty ranges and
/// cycles make ``LocalJobRun/report()`` throw ``TaskDependencyError``.
///
/// Like a Batch node it gives each task a directory `<work>/<job>/<task>` with `stdout.txt`, `stderr.txt` and a
/// working directory `wd/`, sets `AZ_BATCH_*` variables plus the job's and task's environment settings, retries
/// failed tasks up to `maxTaskRetryCount` (task, else job; `-1` is capped at ``unlimitedRetryCap``), and kills a
/// task that exceeds `maxWallClockTime` (task, else job), measured per attempt: SIGTERM, then SIGKILL after two
/// seconds; a task killed this way fails with `MaxWallClockTimeExpiry` and is not retried.
///
/// Command lines are split into words with POSIX quoting and run directly, without a shell, because that is
/// what the Batch agent does: `$VAR`, globs and pipes are not expanded unless the command itself starts a
/// shell (``CommandLine/shell(_:)``), so a command line behaves the same here and on a node.
///
/// Container settings cannot be honoured without a container engine; the task runs on the host and its
/// result lists that in ``LocalTaskResult/notApplied``. Resource and output files are reported the same way.
///
/// ```swift
/// let runner = LocalBatchRunner(workDirectory: URL(fileURLWithPath: ".batch-local"), parallelism: 4)
/// let run = runner.start(job: "airlines", tasks: tasks)
/// for try await progress in run.progress { print(progress) }
/// let report = try await run.report()
/// ```
public struct LocalBatchRunner: Sendable {
    public var workDirectory: URL
    public var parallelism: Int

    /// - Parameter parallelism: tasks run at once; defaults to the number of cores.
    public init(workDirectory: URL, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.workDirectory = workDirectory
        self.parallelism = max(1, parallelism)
    }

    /// Unlimited retries (`-1`) are capped here so a task that always fails cannot loop forever.
    public static let unlimitedRetryCap = 100

    /// Starts running `tasks` for `job` (its common environment settings, constraints and
    /// `usesTaskDependencies` apply), each once the tasks it depends on allow it.
    public func start(job: JobSpecification, tasks: [TaskSpecification]) -> LocalJobRun {
        let (stream, continuation) = AsyncThrowingStream<TaskProgress, any Error>.makeStream()
        let runner = self
        let tracker = LocalRunTracker(tasks: tasks, slots: parallelism, continuation: continuation)
        let work = Task { () throws -> LocalJobReport in
            do {
                let graph = try TaskDependencyGraph(
                    tasks: tasks, usesTaskDependencies: job.usesTaskDependencies == true)
                let scheduler = LocalGraphScheduler(
                    graph: graph, tasks: tasks, slots: runner.parallelism,
                    jobDirectory: runner.workDirectory.appendingPathComponent(job.id))
                let results = try await scheduler.run(tracker: tracker) { task in await runner.runTask(task, job: job) }
                continuation.finish()
                return LocalJobReport(jobID: job.id, results: results)
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        if tasks.isEmpty { continuation.finish() }
        return LocalJobRun(
            jobID: job.id, parallelism: parallelism, progress: TaskProgressSequence(stream: stream),
            tracker: tracker, work: work)
    }

    /// Starts running `tasks` for a job with no job-level settings.
    public func start(job jobID: String, tasks: [TaskSpecification]) -> LocalJobRun {
        start(job: JobSpecification(id: jobID, poolInfo: PoolInformation(poolId: "local")), tasks: tasks)
    }

    /// Runs `tasks` to completion and returns every result.
    public func run(job jobID: String, tasks: [TaskSpecification]) async throws -> LocalJobReport {
        try await start(job: jobID, tasks: tasks).report()
    }

    /// Runs `tasks` to completion and returns every result.
    public func run(job: JobSpecification, tasks: [TaskSpecification]) async throws -> LocalJobReport {
        try await start(job: job, tasks: tasks).report()
    }

    // MARK: One task

    func runTask(_ task: TaskSpecification, job: JobSpecification) async -> LocalTaskResult {
        let start = Date()
        let directory = workDirectory.appendingPathComponent(job.id).appendingPathComponent(task.id)
        let workingDirectory = directory.appendingPathComponent("wd")
        var result = LocalTaskResult(
            taskID: task.id, result: .failure, exitCode: nil, failureInfo: nil, retryCount: 0,
            startTime: start, endTime: start, directory: directory, notApplied: notApplied(task))
        func fail(_ code: String, _ message: String) -> LocalTaskResult {
            result.failureInfo = TaskFailureInfo(category: .userError, code: code, message: message)
            result.endTime = Date()
            return result
        }
        do {
            try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
        } catch {
            return fail(
                "TaskDirectoryUnavailable", "cannot create \(workingDirectory.path): \(error.localizedDescription)")
        }
        let words: [String]
        do { words = try ShellQuoting.split(task.commandLine) } catch {
            return fail("CommandLineInvalid", String(describing: error))
        }
        guard let program = words.first, !words.contains(where: { $0.contains("\0") }) else {
            return fail(
                "CommandLineInvalid",
                "the command line \(task.commandLine.debugDescription) has no program or contains a NUL byte")
        }
        let environment = self.environment(for: task, job: job, directory: directory)
        guard let executable = LocalProcess.resolve(program, path: environment["PATH"], relativeTo: workingDirectory)
        else {
            return fail("CommandProgramNotFound", "'\(program)' is not an executable file or on PATH")
        }
        let limit = task.constraints?.maxWallClockTime ?? job.constraints?.maxWallClockTime
        var retries = task.constraints?.maxTaskRetryCount ?? job.constraints?.maxTaskRetryCount ?? 0
        if retries < 0 { retries = Self.unlimitedRetryCap }
        let process = LocalProcess(
            executable: executable, arguments: Array(words.dropFirst()), environment: environment,
            workingDirectory: workingDirectory, stdout: directory.appendingPathComponent("stdout.txt"),
            stderr: directory.appendingPathComponent("stderr.txt"),
            timeLimit: limit.flatMap { $0 >= ISO8601DurationFormat.unlimited ? nil : $0 })
        for attempt in 0...retries {
            if Task.isCancelled { return fail("TaskCancelled", "the run was cancelled") }
            result.retryCount = attempt
            switch await process.run() {
            case .exited(0):
                result.exitCode = 0
                result.result = .success
                result.failureInfo = nil
                result.endTime = Date()
                return result
            case .exited(let code):
                result.exitCode = code
                result.failureInfo = TaskFailureInfo(
                    category: .userError, code: "FailureExitCode",
                    message: "The task exited with an exit code representing a failure")
            case .timedOut:
                result.exitCode = nil
                let seconds = limit.map { ISO8601DurationFormat.format($0) } ?? "?"
                return fail(
                    "MaxWallClockTimeExpiry", "the task ran longer than its maxWallClockTime \(seconds) and was killed")
            case .failedToStart(let message):
                return fail("CommandProgramNotFound", message)
            }
        }
        result.endTime = Date()
        return result
    }

    func environment(for task: TaskSpecification, job: JobSpecification, directory: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AZ_BATCH_JOB_ID"] = job.id
        environment["AZ_BATCH_TASK_ID"] = task.id
        environment["AZ_BATCH_TASK_DIR"] = directory.path
        environment["AZ_BATCH_TASK_WORKING_DIR"] = directory.appendingPathComponent("wd").path
        environment["AZ_BATCH_NODE_ROOT_DIR"] = workDirectory.path
        environment["AZ_BATCH_POOL_ID"] = job.poolInfo.poolId ?? "local"
        environment["AZ_BATCH_NODE_ID"] = "local"
        for setting in (job.commonEnvironmentSettings ?? []) + (task.environmentSettings ?? []) {
            environment[setting.name] = setting.value ?? ""
        }
        return environment
    }

    func notApplied(_ task: TaskSpecification) -> [String] {
        var notes: [String] = []
        if let container = task.containerSettings {
            notes.append(
                "containerSettings (image \(container.imageName)): not applied, no container engine; the command ran on this machine"
            )
        }
        if let files = task.resourceFiles, !files.isEmpty {
            notes.append("resourceFiles (\(files.count)): not downloaded")
        }
        if let files = task.outputFiles, !files.isEmpty { notes.append("outputFiles (\(files.count)): not uploaded") }
        if task.userIdentity != nil { notes.append("userIdentity: ran as the current user") }
        return notes
    }
}

/// A local run in progress: its progress, every task's current status, and, when done, its report.
public struct LocalJobRun: Sendable {
    public let jobID: String
    /// Tasks run at once: the run's worker slots, which play the part of a pool's nodes.
    public let parallelism: Int
    /// Progress snapshots; iterate it once.
    public let progress: TaskProgressSequence
    let tracker: LocalRunTracker
    let work: Task<LocalJobReport, any Error>

    /// Waits for every task and returns their results.
    public func report() async throws -> LocalJobReport {
        try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            work.cancel()
        }
    }

    /// Every task as it is now, in the order the tasks were given: waiting, running on a slot, or completed.
    public func taskStatuses() async -> [LocalTaskStatus] { await tracker.statuses }

    /// The counts as they are now (the same numbers ``progress`` yields).
    public func currentProgress() async -> TaskProgress { await tracker.progress }

    /// Stops the run; running processes are terminated.
    public func cancel() { work.cancel() }
}
