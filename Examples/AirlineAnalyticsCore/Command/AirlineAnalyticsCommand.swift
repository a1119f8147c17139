import AirlineAggregation
import ArgumentParser
import Foundation
import Logging

/// The `AirlineAnalytics` command: the original `airline_analytics.py`, for local files, standard input and blobs.
///
/// ```
/// AirlineAnalytics --input wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2 \
///                  --output wasbs://demo@acct.blob.core.windows.net/aggregated/airlines/2007.parquet --plot 2007.svg
/// ```
public struct AirlineAnalyticsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "AirlineAnalytics",
        abstract: "Aggregate airline on-time CSV (plain, .bz2 or .gz) into Parquet: local files or Azure blobs.",
        discussion: """
            --input and --output each take a local path, an https:// blob URL (optionally with a SAS), \
            wasbs://<container>@<account>.blob.core.windows.net/<path>, or an emulator URL \
            (http://127.0.0.1:10000/devstoreaccount1/<container>/<path>). --input - reads standard input. \
            Credentials: a SAS in the URL, else AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_ACCOUNT with \
            AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, else Entra ID (AZURE_CLIENT_ID, workload or managed identity); \
            --identity-client-id uses the node's user-assigned managed identity for blobs without a SAS (keyless).
            Scale-out: `AirlineAnalytics map` aggregates a byte range of an input into a partial result, \
            `AirlineAnalytics merge` folds partial results into the final Parquet (Docs/ScaleOut.md).
            Exit status: 0 on success, 1 with a one-line cause on standard error otherwise.
            """)

    @Option(name: .shortAndLong, help: "CSV to read: path, blob URL, or - for standard input.")
    public var input: String

    @Option(
        name: .shortAndLong,
        help: "Parquet to write: path or blob URL; - prints the result as CSV (omit to only print the summary).")
    public var output: String?

    @Option(help: "The query (default: the original job's statement).")
    public var sql: String = Aggregation.originalStatement

    @Option(
        help:
            "Parquet compression: \(ParquetOutputOptions.supportedCodecs.map { $0.description.lowercased() }.joined(separator: ", "))."
    )
    public var codec: String = ParquetOutputOptions.Codec.snappy.description.lowercased()

    @Option(help: "Parsing threads (0: one per core).")
    public var workers: Int = 0

    @Flag(help: "Skip and count malformed rows instead of failing.")
    public var skipMalformed = false

    @Flag(help: "Write Spark's layout: <output>/part-00000-….parquet and _SUCCESS.")
    public var sparkLayout = false

    @Option(help: "Also write an SVG chart of the daily averages to this file.")
    public var plot: String?

    @Option(help: "Progress on standard error: auto (a bar on a terminal, else a line every 5 s), bar, lines, none.")
    public var progress: String = ProgressStyle.auto.rawValue

    @Option(
        help:
            "Keyless: reach blobs without a SAS as this user-assigned managed identity (its client id), with tokens from the instance metadata endpoint."
    )
    public var identityClientID: String?

    @OptionGroup public var logging: LoggingArguments

    public init() {}

    public func validate() throws {
        guard let parsed = ParquetOutputOptions.codec(named: codec),
            ParquetOutputOptions.supportedCodecs.contains(parsed)
        else {
            throw ValidationError(
                "--codec '\(codec)' is not supported (use \(ParquetOutputOptions.supportedCodecs.map { $0.description.lowercased() }.joined(separator: ", ")))"
            )
        }
        guard ProgressStyle.all.contains(ProgressStyle(rawValue: progress)) else {
            throw ValidationError(
                "--progress '\(progress)' is not one of \(ProgressStyle.all.map(\.rawValue).joined(separator: ", "))")
        }
        guard workers >= 0 else { throw ValidationError("--workers must be 0 (automatic) or more, not \(workers)") }
    }

    /// The request these arguments describe.
    /// - Throws: ``AnalyticsFailure`` for a location that does not parse or an unknown codec name (a codec the
    ///   writer does not support fails the run with the kernel's `unsupportedCodec`).
    public func request() throws -> AnalyticsRequest {
        guard let codec = ParquetOutputOptions.codec(named: codec) else {
            throw AnalyticsFailure("--codec '\(self.codec)' is not a Parquet codec name")
        }
        return AnalyticsRequest(
            input: try DataLocation(input), output: try output.map { try DataLocation($0) }, sql: sql,
            codec: codec, workers: WorkerCount(workers),
            skipMalformed: skipMalformed,
            sparkLayout: sparkLayout, plot: plot, progress: ProgressStyle(rawValue: progress))
    }

    public func run() async throws {
        do {
            // The kernel's phase line is on by default (info): it is what explains a slow task on a node.
            let logger = try logging.bootstrap(label: "AirlineAnalytics", defaultLevel: .info)
            let request = try request()
            let report = try await AnalyticsRun(
                request: request, access: BlobAccess(identityClientID: identityClientID)
            ).run()
            report.logPhases(to: logger)
            if request.output == .standardStream {
                FileHandle.standardError.write(Data((report.summaryLine + "\n").utf8))
            } else {
                print(report.summaryLine)
            }
        } catch {
            let failure = AnalyticsFailure(wrapping: error)
            FileHandle.standardError.write(Data("AirlineAnalytics: error: \(failure.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}

extension AirlineAnalyticsCommand {
    /// Parses `CommandLine.arguments`, runs, and exits: the executable's entry point. (Calling `main()` from
    /// top-level code can bind to ArgumentParser's synchronous overload, which does not run async commands.)
    public static func runAsMain() async {
        // `map` and `merge` are dispatched here rather than as ArgumentParser subcommands: a subcommand's `--input`
        // would be taken by this command's own `--input`.
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "map": await AnalyticsMapCommand.main(Array(arguments.dropFirst()))
        case "merge": await AnalyticsMergeCommand.main(Array(arguments.dropFirst()))
        default: await main()
        }
    }
}
