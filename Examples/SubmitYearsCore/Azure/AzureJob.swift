import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureRegistryKit
import Foundation

/// The original `run_on_azure_batch.py`, typed: preflight the image, create the pool if absent, create the job,
/// add one task per year with a per-task SAS, follow progress, report every task and the failed ones' stderr.
///
/// ```swift
/// let job = AzureJob(plan: plan, years: .default, settings: submit, clients: clients)
/// let outcome = try await job.run()
/// exit(outcome.succeeded ? 0 : 1)
/// ```
public struct AzureJob: Sendable {
    public var plan: JobPlan
    public var years: YearSelection
    public var settings: SubmitSettings
    public var clients: AzureClients
    public var console: Console
    /// How often task counts are polled (one request per poll whatever the task count).
    public var progressOptions: TaskProgressOptions
    public var timeout: Duration
    public var deletePool: Bool
    /// How long each task's SAS stays valid.
    public var sasLifetime: Duration
    /// Serves the dashboard once the tasks are added (``JobMonitor``); `nil` runs without.
    public var monitor: JobMonitor?

    public init(
        plan: JobPlan, years: YearSelection, settings: SubmitSettings, clients: AzureClients,
        console: Console = .standardOutput, progressOptions: TaskProgressOptions = .init(interval: .seconds(5)),
        timeout: Duration = .seconds(2 * 3600), deletePool: Bool = false, sasLifetime: Duration = .seconds(4 * 3600)
    ) {
        self.plan = plan
        self.years = years
        self.settings = settings
        self.clients = clients
        self.console = console
        self.progressOptions = progressOptions
        self.timeout = timeout
        self.deletePool = deletePool
        self.sasLifetime = sasLifetime
    }

    /// One task's end state as Batch reports it.
    public struct TaskOutcome: Sendable, Equatable {
        public var taskID: String
        public var succeeded: Bool
        public var exitCode: Int?
        public var seconds: Double?
        public var failure: String?
        public var stderrTail: String?
        public var startTime: Date?
        public var endTime: Date?
        public var retryCount: Int?
    }

    public struct Outcome: Sendable {
        public var tasks: [TaskOutcome]
        public var seconds: Double
        /// The last task counts seen.
        public var progress: TaskProgress?
        public var succeeded: Bool { !tasks.isEmpty && tasks.allSatisfy(\.succeeded) }
    }

    /// The input and output blob of a year (no SAS).
    public static func locations(year: Int, settings: SubmitSettings) throws -> (input: BlobURL, output: BlobURL) {
        func join(_ prefix: String, _ name: String) -> String {
            prefix.hasSuffix("/") ? prefix + name : prefix + "/" + name
        }
        do {
            return (
                try BlobURL(parsing: join(settings.inputPrefix, "\(year).csv.bz2")),
                try BlobURL(parsing: join(settings.outputPrefix, "\(year).parquet"))
            )
        } catch {
            throw SubmitYearsFailure(wrapping: error, context: "input/output prefix")
        }
    }

    /// The tasks with freshly issued SAS URLs: read-only for the input, create/write for the output (secrets:
    /// print them only through ``DryRun``).
    public static func tasks(
        plan: JobPlan, years: YearSelection, settings: SubmitSettings, issuer: BlobSASIssuer,
        lifetime: Duration, now: Date = Date()
    ) throws -> [TaskSpecification] {
        try years.years.map { year in
            let (input, output) = try locations(year: year, settings: settings)
            let access = try issuer.taskAccess(input: input, output: .blob(output), lifetime: lifetime, now: now)
            return plan.task(year: year, input: access.inputURL.absoluteString, output: access.outputURL.absoluteString)
        }
    }

    /// Keyless tasks: plain blob URLs, and the pool identity's client id for the node's metadata endpoint.
    /// - Throws: ``SubmitYearsFailure`` when a prefix carries a SAS (keyless means no SAS anywhere).
    public static func keylessTasks(
        plan: JobPlan, years: YearSelection, settings: SubmitSettings,
        identityClientID: String
    ) throws -> [TaskSpecification] {
        try years.years.map { year in
            let (input, output) = try locations(year: year, settings: settings)
            guard input.sasToken == nil, output.sasToken == nil else {
                throw SubmitYearsFailure(
                    "keyless mode: the input and output prefixes must be plain blob URLs, without a SAS")
            }
            return plan.task(
                year: year, input: input.description, output: output.description, identityClientID: identityClientID)
        }
    }

    func tasks(plan: JobPlan) throws -> [TaskSpecification] {
        guard let issuer = clients.sasIssuer else {
            throw SubmitYearsFailure("no SAS issuer: set AZURE_STORAGE_* or use keyless mode (--identity)")
        }
        return try Self.tasks(plan: plan, years: years, settings: settings, issuer: issuer, lifetime: sasLifetime)
    }

    /// `image` as `registry/repository@digest` (a tag in it is dropped: the digest is what gets pulled).
    public static func pin(_ image: String, to digest: ImageDigest) throws -> String {
        do {
            let reference = try ContainerImageReference(parsing: image)
            return try ContainerImageReference(
                registry: reference.registry, repository: reference.repository, digest: digest
            ).description
        } catch { throw SubmitYearsFailure(wrapping: error, context: "cannot pin image \(image) to \(digest)") }
    }

    /// Runs the whole job. Returns normally when every task ran to completion (check ``Outcome/succeeded``).
    /// - Throws: ``SubmitYearsFailure`` for a failed preflight or a service error, with a one-line cause.
    public func run() async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let batch = clients.batch
        console.line("Start batch job \(plan.jobID) at \(ISO8601DateFormatter().string(from: Date()))")
        let plan = try await preflightImage()
        let taskList: [TaskSpecification]
        if let keyless = clients.keyless {
            let clientID = try await prepareKeylessPool(keyless)
            taskList = try Self.keylessTasks(plan: plan, years: years, settings: settings, identityClientID: clientID)
        } else {
            taskList = try tasks(plan: plan)
            try await createPool(plan)
        }
        try await step("create job \(plan.jobID)") {
            try await batch.createJob(plan.job)
            console.line("Job \(plan.jobID): created")
        }
        try await step("add tasks") {
            let report = try await batch.addTasks(taskList, toJob: plan.jobID)
            console.line("Tasks: \(report.added.count) added in \(report.requests) request(s) for years \(years)")
            try await batch.updateJob(plan.jobID, plan.jobCompletion)
        }
        await monitor?.attach(batch: batch, jobID: plan.jobID, poolID: plan.poolID, startTime: Date())
        let progress = batch.taskProgress(job: plan.jobID, options: progressOptions)
        let final = try await step("follow progress") {
            try await TaskProgressDisplay(console: console).follow(
                progress, started: started, timeout: timeout, jobID: plan.jobID)
        }
        guard final?.isComplete == true else {
            throw SubmitYearsFailure("progress of job \(plan.jobID) ended before every task completed")
        }
        let outcomes = try await step("read task results") { try await taskOutcomes() }
        let seconds = (clock.now - started).seconds
        console.line("")
        for outcome in outcomes { print(outcome) }
        console.line("Elapsed time: \(ProgressSnapshotFormat.seconds(seconds)) s")
        if deletePool {
            try await step("delete pool \(plan.poolID)") {
                if let keyless = clients.keyless {
                    try await keyless.management.deletePool(plan.poolID, wait: false)
                } else {
                    try await batch.deletePool(plan.poolID)
                }
                console.line("Pool \(plan.poolID): deletion requested")
            }
        }
        return Outcome(tasks: outcomes, seconds: seconds, progress: final)
    }

    /// Checks the image and returns the plan with the tasks' image pinned to the digest just checked (a tag can
    /// move between this check and the nodes' pull).
    func preflightImage() async throws -> JobPlan {
        var plan = self.plan
        guard let registry = clients.registry else { return plan }
        let verification: ImageVerification
        do { verification = try await registry.verify(image: plan.image) } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot check image \(plan.image)")
        }
        guard verification.isAvailable else { throw SubmitYearsFailure("preflight failed: \(verification)") }
        console.line("Image: \(verification)")
        if let digest = verification.digest { plan.image = try Self.pin(plan.image, to: digest) }
        return plan
    }

    /// Creates `plan`'s pool through the data plane unless it exists.
    func createPool(_ plan: JobPlan) async throws {
        try await step("create pool \(plan.poolID)") {
            let created: Bool
            do { created = try await clients.batch.createPoolIfAbsent(plan.pool) } catch let error as AzureClientError
                where error.kind == .invalidArgument && !plan.pool.referencedIdentities.isEmpty
            {
                throw SubmitYearsFailure(
                    "pool \(plan.poolID) would pull with a managed identity (AZURE_REGISTRY_IDENTITY_ID), which only the Batch management API can attach: run keyless with --identity <identity id> --resource-group <group>"
                )
            }
            console.line(
                created
                    ? "Pool \(plan.poolID): created (\(plan.vmSize.rawValue), \(poolSizeText))"
                    : "Pool \(plan.poolID): exists, reusing it")
        }
    }

    var poolSizeText: String {
        if let minutes = plan.autoscaleIdleMinutes {
            return "autoscale up to \(max(1, plan.spotNodes)) Spot nodes, to zero after \(minutes) idle minutes"
        }
        return "\(plan.spotNodes) Spot nodes"
    }

    /// Every task with its result; failed tasks with the end of their stderr.
    func taskOutcomes(skippingStderrOf skipped: Set<String> = []) async throws -> [TaskOutcome] {
        let options = BatchListOptions(select: ["id", "state", "executionInfo"])
        let listed = try await clients.batch.listTasks(job: plan.jobID, options: options).collect()
        var outcomes: [TaskOutcome] = []
        for task in listed.sorted(by: { $0.id < $1.id }) {
            let info = task.executionInfo
            var outcome = TaskOutcome(
                taskID: task.id, succeeded: task.succeeded, exitCode: info?.exitCode,
                seconds: info.flatMap { info in
                    info.startTime.flatMap { start in info.endTime.map { $0.timeIntervalSince(start) } }
                },
                failure: info?.failureInfo.map { "\($0.code ?? "failure"): \($0.message ?? "")" },
                startTime: info?.startTime, endTime: info?.endTime, retryCount: info?.retryCount)
            if !task.succeeded, !skipped.contains(task.id) {
                outcome.stderrTail =
                    (try? await clients.batch.stderrTail(job: plan.jobID, task: task.id, maxBytes: 2048))
                    ?? "(stderr.txt not available)"
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    func print(_ outcome: TaskOutcome) {
        let duration = outcome.seconds.map { ", \(ProgressSnapshotFormat.seconds($0)) s" } ?? ""
        console.line(
            "\(outcome.taskID): \(outcome.succeeded ? "succeeded" : "FAILED"), exit code \(outcome.exitCode.map(String.init) ?? "none")\(duration)"
        )
        if let failure = outcome.failure, !outcome.succeeded { console.line("  \(failure)") }
        if let tail = outcome.stderrTail { TaskReportPrinter.stderrTail(tail, console: console) }
    }

    /// Runs one step; a service error becomes a one-line failure naming the step.
    func step<T: Sendable>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let failure as SubmitYearsFailure { throw failure } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot \(name)")
        }
    }
}
