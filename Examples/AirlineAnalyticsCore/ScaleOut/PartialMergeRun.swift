import AirlineAggregation
import AzureBlobKit
import Foundation
import ParquetKit

/// The merge task of a scaled-out query (`AirlineAnalytics merge`): reads every partial result, checks they come
/// from this query and cover each input exactly once, merges them, and writes the final Parquet.
///
/// ```swift
/// let run = PartialMergeRun(partials: ["out/partials/"], output: try DataLocation("out/all.parquet"), expect: 16)
/// print(try await run.run().summaryLine)
/// ```
public struct PartialMergeRun: Sendable {
    /// Files, local folders, or blob prefixes (URLs ending in `/`).
    public var partials: [String]
    public var output: DataLocation
    public var sql: String
    public var expect: Int?
    public var skipMalformed: Bool
    public var codec: ParquetOutputOptions.Codec
    public var sparkLayout: Bool
    public var access: BlobAccess
    /// Where the result goes as CSV for `--output -`.
    public var resultOutput: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }

    public init(
        partials: [String], output: DataLocation, sql: String = Aggregation.originalStatement, expect: Int? = nil,
        skipMalformed: Bool = false, codec: ParquetOutputOptions.Codec = .snappy, sparkLayout: Bool = false,
        access: BlobAccess = BlobAccess()
    ) {
        self.partials = partials
        self.output = output
        self.sql = sql
        self.expect = expect
        self.skipMalformed = skipMalformed
        self.codec = codec
        self.sparkLayout = sparkLayout
        self.access = access
    }

    public struct Report: Sendable {
        public var summary: AggregationSummary
        public var partials: Int
        public var written: [String]

        /// `merged 16 partials: rows 7453215, groups 365 in 0.04 s; wrote out/all.parquet`
        public var summaryLine: String {
            var text =
                "merged \(partials) partials: rows \(summary.rowsRead), skipped \(summary.rowsSkipped), groups "
                + "\(summary.groups) in \(ProgressSnapshot.fixed(summary.seconds, 2)) s"
            if !written.isEmpty { text += "; wrote " + written.joined(separator: ", ") }
            return text
        }
    }

    /// - Throws: ``AnalyticsFailure`` with a one-line, secret-free cause (the kernel's typed error inside).
    public func run() async throws -> Report {
        let spec: AggregateSpec
        do { spec = try AggregateSpec(sql: sql) } catch { throw AnalyticsFailure(wrapping: error, context: "--sql") }
        let destination = try AnalyticsOutput.prepare(output, codec: codec, sparkLayout: sparkLayout)
        do {
            let loaded = try await PartialLocations.load(partials, access: access)
            let summary = try Aggregation.merge(
                loaded, spec, into: destination.kernelOutput, options: AggregationOptions(skipMalformed: skipMalformed),
                expecting: expect)
            let written = try await destination.finish(files: summary.outputFiles, access: access)
            if output == .standardStream { resultOutput(ResultCSV.render(summary.result)) }
            return Report(summary: summary, partials: loaded.count, written: written)
        } catch {
            destination.discard()
            throw AnalyticsFailure(wrapping: error)
        }
    }
}
