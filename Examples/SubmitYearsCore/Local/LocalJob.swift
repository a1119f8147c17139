import AirlineAggregation
import AzureBatchKit
import AzureKitCore
import Foundation
import SyntheticAirlineData

/// The embedded default: the job on this machine, with no Azure account.
///
/// It generates small, deterministic, schema-faithful sample years, builds the same task specifications
/// ``JobPlan`` sends to Azure (only the input and output are local paths instead of SAS URLs) and runs them
/// with AzureBatchKit's ``AzureBatchKit/LocalBatchRunner``: each task runs the `AirlineAnalytics` command as a
/// separate process, found on the job's PATH, exactly as the container would run it.
public struct LocalJob: Sendable {
    public var plan: JobPlan
    public var years: YearSelection
    /// Everything goes under this folder: `input/`, `results/`, `batch/` (task folders with stdout/stderr), `bin/`.
    public var directory: URL
    /// Rows generated per year.
    public var rowsPerYear: Int
    /// The executable implementing `AirlineAnalytics` (SubmitYears itself, or the built AirlineAnalytics binary).
    public var taskProgram: URL
    public var parallelism: Int
    public var console: Console
    /// Serves the dashboard and writes the report (``JobMonitor``); `nil` runs without.
    public var monitor: JobMonitor?

    public init(
        plan: JobPlan, years: YearSelection, directory: URL, rowsPerYear: Int = 40_000, taskProgram: URL,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, console: Console = .standardOutput
    ) {
        self.plan = plan
        self.years = years
        self.directory = directory
        self.rowsPerYear = rowsPerYear
        self.taskProgram = taskProgram
        self.parallelism = parallelism
        self.console = console
    }

    /// What a local run produced.
    public struct Outcome: Sendable {
        public var report: LocalJobReport
        /// One Parquet file per succeeded year.
        public var results: [URL]
        public var seconds: Double
        public var succeeded: Bool { report.allSucceeded }
    }

    public var inputDirectory: URL { directory.appendingPathComponent("input") }
    public var resultDirectory: URL { directory.appendingPathComponent("results") }

    public func inputFile(year: Int) -> URL { inputDirectory.appendingPathComponent("\(year).csv") }
    public func resultFile(year: Int) -> URL { resultDirectory.appendingPathComponent("\(year).parquet") }

    /// The tasks this run executes (also what `--dry-run` prints in local mode).
    public var tasks: [TaskSpecification] {
        years.years.map { plan.task(year: $0, input: inputFile(year: $0).path, output: resultFile(year: $0).path) }
    }

    /// Generates the inputs, runs every task and prints progress and per-task results.
    /// - Throws: ``SubmitYearsFailure`` when the folders cannot be prepared or the runner fails.
    public func run() async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let fileManager = FileManager.default
        try await prepare()
        for year in years.years { try? fileManager.removeItem(at: resultFile(year: year)) }
        let job = localJob(plan.job)
        let runner = LocalBatchRunner(
            workDirectory: directory.appendingPathComponent("batch"), parallelism: parallelism)
        console.line(
            "Running job \(plan.jobID): \(plural(years.years.count, "task")), \(runner.parallelism) at a time (local runner; task folders in \(runner.workDirectory.path))"
        )
        let run = runner.start(job: job, tasks: tasks)
        let inputSizes = Dictionary(
            zip(
                tasks.map(\.id),
                years.years.map { year in
                    ((try? fileManager.attributesOfItem(atPath: inputFile(year: year).path)[.size]) as? NSNumber)?
                        .int64Value
                }), uniquingKeysWith: { first, _ in first })
        await monitor?.attach(local: run, startTime: Date(), inputBytes: { inputSizes[$0] ?? nil })
        _ = try await TaskProgressDisplay(console: console).follow(run.progress, started: started, jobID: plan.jobID)
        let report: LocalJobReport
        do { report = try await run.report() } catch {
            throw SubmitYearsFailure(wrapping: error, context: "the local runner stopped")
        }
        let results = years.years.map(resultFile).filter { fileManager.fileExists(atPath: $0.path) }
        let seconds = (clock.now - started).seconds
        print(report: report, seconds: seconds)
        return Outcome(report: report, results: results, seconds: seconds)
    }

    /// Creates the folders, links `bin/AirlineAnalytics` to ``taskProgram`` and generates the inputs.
    func prepare() async throws {
        let fileManager = FileManager.default
        let bin = directory.appendingPathComponent("bin")
        do {
            for folder in [inputDirectory, resultDirectory, bin] {
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let link = bin.appendingPathComponent(JobPlan.program)
            try? fileManager.removeItem(at: link)
            try fileManager.createSymbolicLink(at: link, withDestinationURL: taskProgram)
        } catch {
            throw SubmitYearsFailure(wrapping: error, context: "cannot prepare \(directory.path)")
        }
        console.line(
            "Generating \(plural(years.years.count, "sample year")) (\(rowsPerYear) rows each) in \(inputDirectory.path)"
        )
        try await generateInputs()
    }

    /// `job` as it runs here: it differs from the Azure one only by the PATH that makes `AirlineAnalytics`
    /// resolvable.
    func localJob(_ job: JobSpecification) -> JobSpecification {
        var job = job
        let bin = directory.appendingPathComponent("bin")
        let path = [bin.path, ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"].joined(separator: ":")
        job.commonEnvironmentSettings =
            (job.commonEnvironmentSettings ?? []) + [EnvironmentSetting(name: "PATH", value: path)]
        return job
    }

    /// Writes `<year>.csv` for every year, two at a time (the generator is deterministic: seed = year).
    func generateInputs() async throws {
        let rows = rowsPerYear
        let jobs = years.years.map { ($0, inputFile(year: $0).path) }
        _ = try await jobs.concurrentMap(maxConcurrent: 2) { year, path in
            do {
                _ = try AirlineDataGenerator(year: year, rows: rows, seed: UInt64(year)).write(to: path)
            } catch {
                throw SubmitYearsFailure(wrapping: error, context: "cannot write sample data \(path)")
            }
        }
    }

    func print(report: LocalJobReport, seconds: Double) {
        console.line("")
        for result in report.results {
            let duration = result.endTime.timeIntervalSince(result.startTime)
            if let blocker = result.blockedBy {
                console.line("\(result.taskID): not run, blocked by task \(blocker)")
                continue
            }
            let status = result.succeeded ? "succeeded" : "FAILED"
            let retries =
                result.retryCount == 0 ? "" : result.retryCount == 1 ? ", 1 retry" : ", \(result.retryCount) retries"
            console.line(
                "\(result.taskID): \(status), exit code \(result.exitCode.map(String.init) ?? "none")\(retries), \(ProgressSnapshotFormat.seconds(duration)) s"
            )
            if !result.succeeded {
                if let info = result.failureInfo { console.line("  \(info.code ?? "failure"): \(info.message ?? "")") }
                TaskReportPrinter.stderrTail(result.stderrTail(maxBytes: 2048), console: console)
            }
        }
        if let notes = report.results.first?.notApplied, !notes.isEmpty {
            console.line("Not applied locally: " + notes.joined(separator: "; "))
        }
    }
}
