import AirlineAnalyticsCore
import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation

/// What the SubmitYears command does, with its dependencies injectable: the settings, the Azure clients, the
/// program that implements `AirlineAnalytics` in local mode, and the console.
public struct SubmitYearsApp: Sendable {
    public struct Options: Sendable {
        public var years: YearSelection = .default
        public var dryRun = false
        public var forceLocal = false
        public var deletePool = false
        public var autoscaleIdleMinutes: Int?
        public var spotNodes = 3
        public var vmSize = "Standard_E2s_v3"
        public var image: String?
        public var inputPrefix: String?
        public var outputPrefix: String?
        public var poolID: String?
        public var jobID: String?
        public var localDirectory = "out/submit-years"
        public var rowsPerYear = 40_000
        public var timeout: Duration = .seconds(2 * 3600)
        public var pollInterval: Duration = .seconds(5)
        /// `--identity` and friends: keyless mode when an identity is given here or in the environment.
        public var keyless = KeylessOptions()
        /// `--dashboard` and the report (``DashboardOptions``).
        public var dashboard = DashboardSettings()
        /// `--one-answer`: one table over every input, as map tasks over byte ranges plus one merge task.
        public var oneAnswer = false
        /// `--bytes-per-task`: the input bytes a map task aims at.
        public var bytesPerTask: Int64 = OneAnswerPlan.defaultBytesPerTask
        /// `--inputs`: the blobs `--one-answer` reads on Azure (default: the years' `<year>.csv.bz2`).
        public var inputPattern: String?
        /// Local mode: tasks run at once (default: one per core).
        public var localParallelism: Int?
        public init() {}
    }

    public var options: Options
    public var settings: AzureSettings
    /// Where the `AIRLINE_*` variables are read (see ``SubmitSettings``).
    public var environment: EnvironmentVariables
    public var console: Console
    /// The executable behind `AirlineAnalytics` in local mode.
    public var taskProgram: URL
    /// Builds the Azure clients (tests return clients on fixture transports).
    public var makeClients: @Sendable (AzureSettings, SubmitSettings) async throws -> AzureClients
    /// Progress polling for the Azure path (tests poll without waiting).
    public var progressOptions: TaskProgressOptions?

    public init(
        options: Options, settings: AzureSettings, environment: EnvironmentVariables = .process,
        console: Console = .standardOutput, taskProgram: URL,
        progressOptions: TaskProgressOptions? = nil,
        makeClients: @escaping @Sendable (AzureSettings, SubmitSettings) async throws -> AzureClients = {
            settings, submit in
            try await AzureClients.make(settings: settings, submit: submit, validFor: .seconds(6 * 3600))
        }
    ) {
        self.options = options
        self.settings = settings
        self.environment = environment
        self.console = console
        self.taskProgram = taskProgram
        self.progressOptions = progressOptions
        self.makeClients = makeClients
    }

    /// Whether this run goes to Azure Batch (settings present and not `--local`).
    public var usesAzure: Bool { !options.forceLocal && ((try? settings.batch) != nil || keylessRequested) }

    /// Whether a pool identity was given (flag, environment or settings file).
    var keylessRequested: Bool {
        options.keyless.identity != nil || environment["AZURE_POOL_IDENTITY_ID"] != nil
            || settings.values["AZURE_POOL_IDENTITY_ID"] != nil
    }

    /// Runs and returns the exit status: 0 when every task succeeded, 1 otherwise (with a one-line cause).
    public func run() async -> Int32 {
        do {
            return try await usesAzure ? runAzure() : runLocal()
        } catch {
            let message =
                (error as? SubmitYearsFailure)?.message
                ?? SubmitYearsFailure(wrapping: error, context: "SubmitYears").message
            FileHandle.standardError.write(Data("SubmitYears: error: \(message)\n".utf8))
            console.line("error: \(message)")
            return 1
        }
    }

    func plan(image: String, poolID: String, registry: ContainerRegistry?, poolIdentity: String? = nil) -> JobPlan {
        JobPlan(
            poolID: poolID, jobID: options.jobID ?? JobPlan.jobID(at: Date()), image: image,
            vmSize: VMSize(rawValue: options.vmSize), spotNodes: options.spotNodes,
            autoscaleIdleMinutes: options.autoscaleIdleMinutes, registry: registry, taskTimeLimit: options.timeout,
            poolIdentity: poolIdentity)
    }

    func runLocal() async throws -> Int32 {
        let reason = options.forceLocal ? "--local given" : "no Azure Batch settings (AZURE_BATCH_ENDPOINT) found"
        console.line("Local mode (\(reason)): running the embedded default on this machine with sample data.")
        let directory = URL(fileURLWithPath: options.localDirectory, isDirectory: true).standardizedFileURL
        var job = LocalJob(
            plan: plan(image: options.image ?? "airline-analytics:local", poolID: "local", registry: nil),
            years: options.years, directory: directory, rowsPerYear: options.rowsPerYear,
            taskProgram: taskProgram,
            parallelism: options.localParallelism ?? ProcessInfo.processInfo.activeProcessorCount,
            console: console)
        if options.oneAnswer { return try await runLocalOneAnswer(job) }
        if options.dryRun {
            console.write(
                try DryRun.text(
                    pool: job.plan.pool, job: job.plan.job, completion: job.plan.jobCompletion, tasks: job.tasks))
            return 0
        }
        let monitor = JobMonitor(settings: options.dashboard, console: console)
        job.monitor = monitor
        let outcome = try await job.run()
        console.line("")
        console.line("\(outcome.results.count) Parquet file(s) in \(job.resultDirectory.path)")
        console.line("Elapsed time: \(ProgressSnapshotFormat.seconds(outcome.seconds)) s")
        await monitor.finishLocal(reportFile: directory.appendingPathComponent("report.html"))
        return outcome.succeeded ? 0 : 1
    }

    /// `--one-answer` locally: the graph over the generated years, through the local runner.
    func runLocalOneAnswer(_ base: LocalJob) async throws -> Int32 {
        var base = base
        if options.dryRun {
            // The map tasks are planned from the inputs' sizes, so the sample years are generated first.
            try await base.prepare()
            let graph = try LocalOneAnswerJob(base: base, bytesPerTask: options.bytesPerTask).graph()
            console.write(
                try DryRun.text(pool: base.plan.pool, job: graph.job, completion: graph.completion, tasks: graph.tasks))
            return 0
        }
        let monitor = JobMonitor(settings: options.dashboard, console: console)
        base.monitor = monitor
        let outcome = try await LocalOneAnswerJob(base: base, bytesPerTask: options.bytesPerTask).run()
        console.line("")
        if let result = outcome.result { console.line("Result: \(result.path)") }
        console.line("Elapsed time: \(ProgressSnapshotFormat.seconds(outcome.seconds)) s")
        await monitor.finishLocal(reportFile: base.directory.appendingPathComponent("report.html"))
        return outcome.succeeded ? 0 : 1
    }

    /// `--one-answer` on Azure: list the inputs, submit the graph, follow it.
    func runAzureOneAnswer(plan: JobPlan, submit: SubmitSettings) async throws -> Int32 {
        let clients = try await makeClients(settings, submit)
        var oneAnswer = AzureOneAnswerJob(
            base: job(plan: plan, submit: submit, clients: clients), bytesPerTask: options.bytesPerTask,
            inputPattern: options.inputPattern)
        if options.dryRun {
            console.line(
                "Azure mode, dry run: the inputs are listed and each task's SAS signed here; nothing is sent to Batch.")
            let inputs = try await oneAnswer.inputs()
            let graph = try oneAnswer.graph(plan: plan, inputs: inputs)
            console.write(
                try DryRun.text(pool: plan.pool, job: graph.job, completion: graph.completion, tasks: graph.tasks))
            return 0
        }
        let monitor = JobMonitor(settings: options.dashboard, console: console)
        oneAnswer.base.monitor = monitor
        let outcome = try await oneAnswer.run()
        console.line(
            outcome.succeeded
                ? "Success: one result from \(outcome.graph.mapTasks.count) map tasks." : "The job failed.")
        await monitor.finishAzure(
            jobID: plan.jobID, poolID: plan.poolID,
            outcome: AzureJob.Outcome(tasks: outcome.tasks, seconds: outcome.seconds, progress: outcome.progress),
            progress: outcome.progress,
            reportFile: URL(fileURLWithPath: options.localDirectory).appendingPathComponent(
                "reports/\(plan.jobID).html"),
            upload: ReportUpload.uploader(outputPrefix: submit.outputPrefix, issuer: clients.sasIssuer))
        return outcome.succeeded ? 0 : 1
    }

    func runAzure() async throws -> Int32 {
        let keyless = try KeylessSettings.resolve(options.keyless, settings: settings, environment: environment)
        let submit = try SubmitSettings.load(
            from: settings, environment: environment, image: options.image, inputPrefix: options.inputPrefix,
            outputPrefix: options.outputPrefix, poolID: options.poolID, keyless: keyless)
        let registry = submit.registryAccess?.batchRegistry
        let plan = plan(
            image: submit.image, poolID: submit.poolID, registry: registry, poolIdentity: keyless?.identity.rawValue)
        if options.oneAnswer {
            guard keyless == nil else {
                throw SubmitYearsFailure(
                    "--one-answer is not available in keyless mode yet: it lists the inputs and hands the merge task a SAS for the partial results"
                )
            }
            return try await runAzureOneAnswer(plan: plan, submit: submit)
        }
        if options.dryRun, let keyless {
            console.line("Azure keyless mode, dry run: nothing is sent.")
            let clientID =
                keyless.identityClientID
                ?? "<client id of \(keyless.identity.name), read from the pool when submitting>"
            let tasks = try AzureJob.keylessTasks(
                plan: plan, years: options.years, settings: submit, identityClientID: clientID)
            console.write(try DryRun.keylessText(plan: plan, tasks: tasks, account: keyless.account))
            return 0
        }
        if options.dryRun {
            console.line("Azure mode, dry run: nothing is sent.")
            let tasks: [TaskSpecification]
            if let key = try settings.storage?.credential.sharedKey {
                tasks = try AzureJob.tasks(
                    plan: plan, years: options.years, settings: submit, issuer: try .accountKey(key),
                    lifetime: .seconds(4 * 3600))
            } else {
                tasks = options.years.years.map { year in
                    plan.task(
                        year: year, input: submit.inputPrefix + "\(year).csv.bz2?sp=r&sig=REDACTED",
                        output: submit.outputPrefix + "\(year).parquet?sp=cw&sig=REDACTED")
                }
            }
            console.write(try DryRun.text(pool: plan.pool, job: plan.job, completion: plan.jobCompletion, tasks: tasks))
            return 0
        }
        let clients = try await makeClients(settings, submit)
        let monitor = JobMonitor(settings: options.dashboard, console: console)
        var azureJob = job(plan: plan, submit: submit, clients: clients)
        azureJob.monitor = monitor
        let outcome = try await azureJob.run()
        let failed = outcome.tasks.filter { !$0.succeeded }.count
        console.line(
            failed == 0
                ? "Success: all \(outcome.tasks.count) tasks succeeded."
                : "\(failed) of \(outcome.tasks.count) tasks failed.")
        await monitor.finishAzure(
            jobID: plan.jobID, poolID: plan.poolID, outcome: outcome, progress: outcome.progress,
            reportFile: URL(fileURLWithPath: options.localDirectory).appendingPathComponent(
                "reports/\(plan.jobID).html"),
            upload: ReportUpload.uploader(outputPrefix: submit.outputPrefix, issuer: clients.sasIssuer))
        return outcome.succeeded ? 0 : 1
    }

    func job(plan: JobPlan, submit: SubmitSettings, clients: AzureClients) -> AzureJob {
        AzureJob(
            plan: plan, years: options.years, settings: submit, clients: clients, console: console,
            progressOptions: progressOptions ?? TaskProgressOptions(interval: options.pollInterval),
            timeout: options.timeout, deletePool: options.deletePool)
    }
}
