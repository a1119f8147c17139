import AirlineAggregation
import ArgumentParser
import Foundation
import ParquetKit

/// `AirlineAnalytics merge`: the merge task of a scaled-out query (see Docs/ScaleOut.md for the contract).
///
/// ```
/// AirlineAnalytics merge --partials 'https://acct.blob.core.windows.net/partials/q1/?<sas>' --expect 64 \
///                        --output wasbs://demo@acct.blob.core.windows.net/aggregated/all-years.parquet
/// ```
public struct AnalyticsMergeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge partial results of one query into the final Parquet.",
        discussion: """
            --partials takes a partial file, a local folder or a blob prefix (a blob URL ending in /); folders and \
            prefixes contribute every *.partial.parquet under them. The merge refuses partials of another query or format \
            version, and partials that miss, repeat or overlap part of an input; --expect also checks their number.
            """)

    @Option(parsing: .singleValue, help: "A partial file, folder or blob prefix (repeatable).")
    public var partials: [String] = []

    @Option(name: .shortAndLong, help: "Parquet to write: path or blob URL; - prints the result as CSV.")
    public var output: String

    @Option(help: "The query the partials were made with (default: the original job's statement).")
    public var sql: String = Aggregation.originalStatement

    @Option(help: "The number of partials the planner made; fewer or more is an error.")
    public var expect: Int?

    @Flag(help: "The map tasks ran with --skip-malformed.")
    public var skipMalformed = false

    @Option(
        help:
            "Parquet compression: \(ParquetOutputOptions.supportedCodecs.map { $0.description.lowercased() }.joined(separator: ", "))."
    )
    public var codec: String = ParquetOutputOptions.Codec.snappy.description.lowercased()

    @Flag(help: "Write Spark's layout: <output>/part-00000-….parquet and _SUCCESS.")
    public var sparkLayout = false

    @Option(help: "Keyless: reach blobs without a SAS as this user-assigned managed identity (its client id).")
    public var identityClientID: String?

    @OptionGroup public var logging: LoggingArguments

    public init() {}

    public func validate() throws {
        guard !partials.isEmpty else { throw ValidationError("give at least one --partials") }
        if let expect, expect < 1 { throw ValidationError("--expect must be 1 or more, not \(expect)") }
        guard let parsed = ParquetOutputOptions.codec(named: codec),
            ParquetOutputOptions.supportedCodecs.contains(parsed)
        else {
            throw ValidationError(
                "--codec '\(codec)' is not supported (use \(ParquetOutputOptions.supportedCodecs.map { $0.description.lowercased() }.joined(separator: ", ")))"
            )
        }
    }

    /// The run these arguments describe.
    public func mergeRun() throws -> PartialMergeRun {
        guard let codec = ParquetOutputOptions.codec(named: codec) else {
            throw AnalyticsFailure("--codec '\(self.codec)' is not a Parquet codec name")
        }
        return PartialMergeRun(
            partials: partials, output: try DataLocation(output), sql: sql, expect: expect,
            skipMalformed: skipMalformed,
            codec: codec, sparkLayout: sparkLayout,
            access: BlobAccess(identityClientID: identityClientID))
    }

    public func run() async throws {
        do {
            _ = try logging.bootstrap(label: "AirlineAnalytics", defaultLevel: .info)
            let run = try mergeRun()
            let report = try await run.run()
            if run.output == .standardStream {
                FileHandle.standardError.write(Data((report.summaryLine + "\n").utf8))
            } else {
                print(report.summaryLine)
            }
        } catch {
            FileHandle.standardError.write(
                Data("AirlineAnalytics: error: \(AnalyticsFailure(wrapping: error).message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
