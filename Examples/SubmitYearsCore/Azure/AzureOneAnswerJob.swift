import AirlineAggregation
import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation

/// `SubmitYears --one-answer` on Azure Batch: list the inputs, plan map tasks over their byte ranges and one merge
/// task, submit the graph with a SAS per task, follow it, and stop as soon as the merge is blocked by a map task
/// that failed for good (Batch would leave the job active for ever): the job is then terminated and the failed
/// ranges are named.
public struct AzureOneAnswerJob: Sendable {
    /// The per-year job's plan, clients, console and limits (preflight and pool creation are shared).
    public var base: AzureJob
    public var bytesPerTask: Int64
    /// Inputs: a blob URL or a path under the input prefix whose last part may hold `*` and `?` (for example
    /// `*.csv.bz2`); `nil` means `<year>.csv.bz2` for the selected years.
    public var inputPattern: String?

    public init(base: AzureJob, bytesPerTask: Int64 = OneAnswerPlan.defaultBytesPerTask, inputPattern: String? = nil) {
        self.base = base
        self.bytesPerTask = bytesPerTask
        self.inputPattern = inputPattern
    }

    public struct Outcome: Sendable {
        public var graph: MapMergeJob
        public var tasks: [AzureJob.TaskOutcome]
        /// Where the merged result is (no SAS), when the merge succeeded.
        public var result: BlobURL?
        /// Whether the run stopped because the merge was blocked.
        public var blocked: Bool
        public var seconds: Double
        /// The last task counts seen.
        public var progress: TaskProgress?
        public var succeeded: Bool { result != nil && tasks.allSatisfy(\.succeeded) }
    }

    /// The inputs with their sizes, from one listing of their folder.
    /// - Throws: ``SubmitYearsFailure`` when no blob matches or a selected year is missing.
    public func inputs() async throws -> [MapInput] {
        guard let service = base.clients.blobService else {
            throw SubmitYearsFailure(
                "--one-answer needs to list the inputs: set AZURE_STORAGE_* (keyless mode is not supported for --one-answer yet)"
            )
        }
        let selection = try InputSelection(
            pattern: inputPattern, inputPrefix: base.settings.inputPrefix, years: base.years.years)
        let container = try service.containerClient(selection.folder.containerName ?? "")
        var found: [MapInput] = []
        var names: [String] = []
        do {
            for try await entry in container.listBlobs(prefix: selection.folder.blobName) {
                guard let blob = entry.blob, selection.matches(blob.name) else { continue }
                let url = try BlobURL(
                    endpoint: selection.folder.endpoint, containerName: container.name, blobName: blob.name)
                found.append(
                    MapInput(
                        location: url.description, size: blob.contentLength ?? 0,
                        isSplittable: ByteRange.isSplittable(blob.name)))
                names.append(String(blob.name.dropFirst((selection.folder.blobName ?? "").count)))
            }
        } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot list \(selection.folder)")
        }
        try selection.checkComplete(names)
        return found.sorted { $0.location < $1.location }
    }

    /// The graph for `inputs` with freshly issued per-task SAS URLs (secrets: print only through ``DryRun``).
    public func graph(plan: JobPlan, inputs: [MapInput], now: Date = Date()) throws -> MapMergeJob {
        guard let issuer = base.clients.sasIssuer else {
            throw SubmitYearsFailure("no SAS issuer: set AZURE_STORAGE_*")
        }
        let layout = try AzureGraphLocations.layout(outputPrefix: base.settings.outputPrefix, jobID: plan.jobID)
        let locations = AzureGraphLocations(
            issuer: issuer, partialPrefix: layout.partialPrefix, output: layout.output,
            lifetime: base.sasLifetime, now: now)
        let nodes = max(1, plan.spotNodes)
        do {
            return try OneAnswerPlan(job: plan, bytesPerTask: bytesPerTask, nodes: nodes).graph(
                inputs: inputs, locations: locations)
        } catch let failure as SubmitYearsFailure { throw failure } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot plan the map tasks")
        }
    }

    /// Runs the whole graph and returns when the merge completed or was blocked.
    public func run() async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let console = base.console
        let batch = base.clients.batch
        let inputs = try await base.step("list the inputs") { try await self.inputs() }
        console.line("Inputs: \(plural(inputs.count, "blob")), \(inputs.reduce(Int64(0)) { $0 + $1.size }) bytes")
        let plan = try await base.preflightImage()
        try await base.createPool(plan)
        let graph = try graph(plan: plan, inputs: inputs)
        try await base.step("create job \(plan.jobID)") {
            try await batch.createJob(graph.job)
            console.line("Job \(plan.jobID): created (task dependencies on)")
        }
        try await base.step("add tasks") {
            let report = try await batch.addTasks(graph.tasks, toJob: plan.jobID)
            console.line(
                "Tasks: \(report.added.count) added in \(report.requests) request(s): \(plural(graph.mapTasks.count, "map task")), then the merge"
            )
            try await batch.updateJob(plan.jobID, graph.completion)
        }
        await base.monitor?.attach(batch: batch, jobID: plan.jobID, poolID: plan.poolID, startTime: Date())
        let progress = batch.taskProgress(job: plan.jobID, options: base.progressOptions)
        let final = try await base.step("follow progress") {
            try await TaskProgressDisplay(console: console).follow(
                progress, started: started, timeout: base.timeout, jobID: plan.jobID,
                until: { $0.isComplete || Self.mergeIsBlocked($0) })
        }
        let blocked = final.map(Self.mergeIsBlocked) ?? false
        if blocked {
            try await base.step("terminate job \(plan.jobID)") {
                try await batch.terminateJob(plan.jobID, reason: "MapTaskFailed")
                console.line(
                    "Job \(plan.jobID): terminated (a map task failed for good; the merge would wait for ever)")
            }
        } else if final?.isComplete != true {
            throw SubmitYearsFailure("progress of job \(plan.jobID) ended before every task completed")
        }
        var plannedJob = base
        plannedJob.plan = plan
        let blockedIDs: Set<String> = blocked ? [graph.mergeTask.id] : []
        let outcomes = try await base.step("read task results") {
            try await plannedJob.taskOutcomes(skippingStderrOf: blockedIDs)
        }
        let seconds = (clock.now - started).seconds
        console.line("")
        for outcome in outcomes where !blockedIDs.contains(outcome.taskID) { base.print(outcome) }
        let failed = outcomes.filter { !$0.succeeded && $0.taskID != graph.mergeTask.id }.map(\.taskID)
        for line in OneAnswerPlan.failureLines(
            graph: graph, failedTaskIDs: failed, blockedTaskIDs: blocked ? [graph.mergeTask.id] : [])
        {
            console.line(line)
        }
        let merged = outcomes.first { $0.taskID == graph.mergeTask.id }?.succeeded == true
        let layout = try AzureGraphLocations.layout(outputPrefix: base.settings.outputPrefix, jobID: plan.jobID)
        if merged { console.line("Result: \(layout.output)") }
        console.line("Elapsed time: \(ProgressSnapshotFormat.seconds(seconds)) s")
        return Outcome(
            graph: graph, tasks: outcomes, result: merged ? layout.output : nil, blocked: blocked, seconds: seconds,
            progress: final)
    }

    /// Every map task has completed, at least one failed, and only the merge is left, waiting: Batch will never
    /// start it (its dependency is blocked) and never ends the job on its own.
    static func mergeIsBlocked(_ progress: TaskProgress) -> Bool {
        progress.failed > 0 && progress.running == 0 && progress.active == 1 && progress.completed == progress.total - 1
    }
}
