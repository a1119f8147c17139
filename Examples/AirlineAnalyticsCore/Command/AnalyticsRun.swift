import AirlineAggregation
import AzureBlobKit
import Foundation
import Logging

/// Runs one ``AnalyticsRequest``: opens the input (streaming a blob), runs the kernel with progress on standard
/// error, uploads a remote result once it is complete, writes the optional plot, and returns the summary.
///
/// On any failure nothing is left behind: the kernel writes its file atomically, the remote staging folder is
/// removed, the plot is only written after the result.
///
/// ```swift
/// let request = AnalyticsRequest(input: try DataLocation("2007.csv.bz2"), output: try DataLocation("2007.parquet"))
/// let report = try await AnalyticsRun(request: request).run()
/// print(report.summaryLine)
/// ```
public struct AnalyticsRun: Sendable {
    public var request: AnalyticsRequest
    public var access: BlobAccess
    /// Where progress text goes (standard error by default).
    public var progressOutput: @Sendable (String) -> Void
    /// Where the result goes as CSV for `--output -` (standard output by default).
    public var resultOutput: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }

    public init(
        request: AnalyticsRequest, access: BlobAccess = BlobAccess(),
        progressOutput: @escaping @Sendable (String) -> Void = ProgressReporter.standardError
    ) {
        self.request = request
        self.access = access
        self.progressOutput = progressOutput
    }

    /// What a successful run did.
    public struct Report: Sendable {
        public var summary: AggregationSummary
        /// Files or blobs written (the result, then the plot).
        public var written: [String]
        /// Compressed input bytes read.
        public var inputBytes: Int64

        /// One `.info` line with the kernel's phases (read/decompress, parse, aggregate, write) and their durations.
        public func logPhases(to logger: Logger) {
            let phases = summary.phases
            logger.info(
                "kernel phases: \(phases)",
                metadata: [
                    "scan-s": .stringConvertible(phases.scanSeconds),
                    "read-decompress-s": .stringConvertible(phases.readSeconds),
                    "parse-s": .stringConvertible(phases.parseSeconds),
                    "aggregate-s": .stringConvertible(phases.aggregateSeconds),
                    "write-s": .stringConvertible(phases.writeSeconds), "workers": .stringConvertible(phases.workers),
                    "rows": .stringConvertible(summary.rowsRead), "input-bytes": .stringConvertible(inputBytes),
                ])
        }

        /// `rows read 7453215, skipped 0, groups 365 in 3.21 s (219.5 MB/s of CSV); wrote 2007.parquet`
        public var summaryLine: String {
            var text =
                "rows read \(summary.rowsRead), skipped \(summary.rowsSkipped), groups \(summary.groups) in "
                + "\(ProgressSnapshot.fixed(summary.seconds, 2)) s (\(ProgressSnapshot.fixed(summary.megabytesPerSecond, 1)) MB/s of CSV"
            if summary.compression != "none" { text += ", \(summary.compression) input" }
            text += ")"
            if !written.isEmpty { text += "; wrote " + written.joined(separator: ", ") }
            return text
        }
    }

    /// - Throws: ``AnalyticsFailure`` with a one-line, secret-free cause.
    public func run() async throws -> Report {
        let spec: AggregateSpec
        do { spec = try AggregateSpec(sql: request.sql) } catch {
            throw AnalyticsFailure(wrapping: error, context: "--sql")
        }
        if let plot = request.plot { try checkPlot(plot, spec: spec) }
        let output = try request.output.map {
            try AnalyticsOutput.prepare($0, codec: request.codec, sparkLayout: request.sparkLayout)
        }
        do {
            let summary: AggregationSummary
            let inputBytes: Int64
            if InputPattern.isPattern(request.input) {
                // Several inputs, one result: each is mapped (whole) and the partials merged, in this process.
                let inputs = try await InputPattern.expand(request.input, access: access)
                summary = try await Aggregation.run(
                    over: inputs, spec, into: output?.kernelOutput ?? .none,
                    options: AggregationOptions(workers: request.workers, skipMalformed: request.skipMalformed))
                inputBytes = Int64(inputs.reduce(0) { $0 + $1.size })
            } else {
                let input = try await AnalyticsInput.open(request.input, access: access)
                let reporter = ProgressReporter(
                    style: request.progress, counter: input.counter, totalBytes: input.totalBytes,
                    write: progressOutput)
                reporter.start()
                do {
                    summary = try await Aggregation.run(
                        from: input.source, spec, into: output?.kernelOutput ?? .none,
                        options: AggregationOptions(
                            workers: request.workers, skipMalformed: request.skipMalformed,
                            inputProgress: input.kernelReportsProgress ? input.counter.add : nil))
                    reporter.stop()
                } catch {
                    reporter.stop()
                    throw error
                }
                inputBytes = input.counter.total
            }
            var written = try await output?.finish(files: summary.outputFiles, access: access) ?? []
            if output?.location == .standardStream { resultOutput(ResultCSV.render(summary.result)) }
            if let plot = request.plot {
                do {
                    try writePlot(summary.result, to: plot)
                } catch {
                    try? removeLocalResult(output, files: summary.outputFiles)
                    throw error
                }
                written.append(plot)
            }
            return Report(summary: summary, written: written, inputBytes: inputBytes)
        } catch {
            output?.discard()
            throw AnalyticsFailure(wrapping: error)
        }
    }

    /// Fails before any work when the plot cannot be drawn from this query or written to that path.
    func checkPlot(_ path: String, spec: AggregateSpec) throws {
        let keys = Set(spec.keys.map { $0.outputName.lowercased() })
        guard keys.isSuperset(of: ["year", "month", "dayofmonth"]) else {
            throw AnalyticsFailure("--plot needs a daily result: the query must group by Year, Month and DayOfMonth")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.isWritableFile(atPath: directory)
        else {
            throw AnalyticsFailure("--plot \(path): the folder \(directory) does not exist or is not writable")
        }
    }

    func writePlot(_ table: ResultTable, to path: String) throws {
        let svg = try DelayPlot(table: table).svg()
        do { try svg.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw AnalyticsFailure("--plot \(path): cannot write the chart (\(error.localizedDescription))")
        }
    }

    /// A local result is removed again if the plot, the last step, fails: the run failed as a whole.
    func removeLocalResult(_ output: AnalyticsOutput?, files: [String]) throws {
        guard let output, case .local(let path) = output.location else { return }
        if request.sparkLayout {
            try FileManager.default.removeItem(atPath: path)
        } else {
            for file in files { try FileManager.default.removeItem(atPath: file) }
        }
    }
}
