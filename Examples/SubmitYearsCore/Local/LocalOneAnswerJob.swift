import AirlineAggregation
import AzureBatchKit
import Foundation

/// `SubmitYears --one-answer` on this machine: the sample years, planned into map tasks over byte ranges plus one
/// merge task, run by ``AzureBatchKit/LocalBatchRunner`` in dependency order, giving one Parquet file.
///
/// The tasks are the ones Azure would get (``OneAnswerPlan``); only the locations are local
/// (``LocalGraphLocations``). A map task that fails for good blocks the merge, as on Batch, and the run names it.
public struct LocalOneAnswerJob: Sendable {
    /// The sample data, folders and `AirlineAnalytics` link of the per-year local job.
    public var base: LocalJob
    public var bytesPerTask: Int64

    public init(base: LocalJob, bytesPerTask: Int64 = OneAnswerPlan.defaultBytesPerTask) {
        self.base = base
        self.bytesPerTask = bytesPerTask
    }

    public var partialDirectory: URL { base.directory.appendingPathComponent("partials") }
    public var resultFile: URL { base.resultDirectory.appendingPathComponent(OneAnswerPlan.resultName) }
    public var locations: LocalGraphLocations {
        LocalGraphLocations(partialDirectory: partialDirectory, output: resultFile)
    }

    /// The graph for the generated inputs (they must exist: sizes come from the files).
    public func graph() throws -> MapMergeJob {
        let inputs = try base.years.years.map { year -> MapInput in
            let file = base.inputFile(year: year)
            let size: Int64
            do {
                size =
                    ((try FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber)?.int64Value ?? 0
            } catch { throw SubmitYearsFailure(wrapping: error, context: "cannot read the size of \(file.path)") }
            return MapInput(
                location: file.path, size: size, isSplittable: ByteRange.isSplittable(file.lastPathComponent))
        }
        let plan = OneAnswerPlan(job: base.plan, bytesPerTask: bytesPerTask, nodes: base.parallelism)
        return try plan.graph(inputs: inputs, locations: locations)
    }

    /// What a local one-answer run produced.
    public struct Outcome: Sendable {
        public var graph: MapMergeJob
        public var report: LocalJobReport
        /// The merged Parquet file, when the merge ran and succeeded.
        public var result: URL?
        public var seconds: Double
        public var succeeded: Bool { report.allSucceeded && result != nil }
    }

    /// Generates the inputs, runs the graph, prints progress and every task's result.
    /// - Throws: ``SubmitYearsFailure`` when the folders or the graph cannot be prepared, or the runner fails.
    public func run() async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let console = base.console
        try await base.prepare()
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: partialDirectory)
        try? fileManager.removeItem(at: resultFile)
        do { try fileManager.createDirectory(at: partialDirectory, withIntermediateDirectories: true) } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot create \(partialDirectory.path)")
        }
        let graph: MapMergeJob
        do { graph = try self.graph() } catch let failure as SubmitYearsFailure { throw failure } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot plan the map tasks")
        }
        let runner = LocalBatchRunner(
            workDirectory: base.directory.appendingPathComponent("batch"), parallelism: base.parallelism)
        console.line(
            "Running job \(graph.job.id): \(plural(graph.mapTasks.count, "map task")) over \(plural(base.years.years.count, "input")) and 1 merge task, \(runner.parallelism) at a time (local runner; task folders in \(runner.workDirectory.path))"
        )
        let run = runner.start(job: base.localJob(graph.job), tasks: graph.tasks)
        await base.monitor?.attach(
            local: run, startTime: Date(),
            inputBytes: { id in
                graph.splits.indices.first { graph.mapTasks[$0].id == id }.map { graph.splits[$0].byteCount }
            })
        _ = try await TaskProgressDisplay(console: console).follow(run.progress, started: started, jobID: graph.job.id)
        let report: LocalJobReport
        do { report = try await run.report() } catch {
            throw SubmitYearsFailure(wrapping: error, context: "the local runner stopped")
        }
        let seconds = (clock.now - started).seconds
        base.print(report: report, seconds: seconds)
        let failed = report.results.filter { !$0.succeeded && $0.blockedBy == nil }.map(\.taskID)
        let blocked = report.results.filter { $0.blockedBy != nil }.map(\.taskID)
        for line in OneAnswerPlan.failureLines(graph: graph, failedTaskIDs: failed, blockedTaskIDs: blocked) {
            console.line(line)
        }
        let mergeSucceeded = report.results.last?.succeeded == true && fileManager.fileExists(atPath: resultFile.path)
        return Outcome(graph: graph, report: report, result: mergeSucceeded ? resultFile : nil, seconds: seconds)
    }
}

/// Local paths for a graph: inputs as they are, one partial file per map task in one folder, the merge reading
/// that folder.
public struct LocalGraphLocations: GraphLocations {
    public var partialDirectory: URL
    public var output: URL

    public init(partialDirectory: URL, output: URL) {
        self.partialDirectory = partialDirectory
        self.output = output
    }

    public func map(_ context: MapTaskContext) throws -> (input: String, partial: String) {
        (
            context.split.input.location,
            partialDirectory.appendingPathComponent("\(context.taskID).partial.parquet").path
        )
    }

    public func merge(_ context: MergeTaskContext) throws -> (partials: String, output: String) {
        (partialDirectory.path, output.path)
    }
}
