import AirlineAggregation
import ArgumentParser
import Foundation

/// `AirlineAnalytics map`: one map task of a scaled-out query (see Docs/ScaleOut.md for the contract).
///
/// ```
/// AirlineAnalytics map --input wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2 --range 0-60000000 \
///                      --partial-output wasbs://demo@acct.blob.core.windows.net/partials/q1/2007-0.partial.parquet
/// ```
public struct AnalyticsMapCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Aggregate the records of one byte range of an input into a mergeable partial result.",
        discussion: """
            --range <start>-<end> takes byte offsets of the input as stored (compressed bytes for .bz2), end exclusive; \
            without it the whole input is covered. Plain CSV splits anywhere, .bz2 at block boundaries, .gz only whole. \
            Name partials *.partial.parquet so `merge` finds them under a folder or blob prefix.
            """)

    @Option(name: .shortAndLong, help: "CSV to read: path or blob URL.")
    public var input: String

    @Option(help: "Byte range <start>-<end> of the input (end exclusive); omit for the whole input.")
    public var range: String?

    @Option(help: "Where to write the partial result (*.partial.parquet): path or blob URL.")
    public var partialOutput: String

    @Option(help: "The query (default: the original job's statement); merge must use the same.")
    public var sql: String = Aggregation.originalStatement

    @Option(help: "Parsing threads (0: one per core).")
    public var workers: Int = 0

    @Flag(help: "Skip and count malformed rows instead of failing (merge must say the same).")
    public var skipMalformed = false

    @Option(help: "Keyless: reach blobs without a SAS as this user-assigned managed identity (its client id).")
    public var identityClientID: String?

    @OptionGroup public var logging: LoggingArguments

    public init() {}

    public func validate() throws {
        guard workers >= 0 else { throw ValidationError("--workers must be 0 (automatic) or more, not \(workers)") }
        if let range { do { _ = try ByteRange.parse(range) } catch { throw ValidationError("--range: \(error)") } }
    }

    /// The run these arguments describe.
    public func mapRun() throws -> PartialMapRun {
        PartialMapRun(
            input: try DataLocation(input), range: try range.map(ByteRange.parse),
            partialOutput: try DataLocation(partialOutput), sql: sql, workers: WorkerCount(workers),
            skipMalformed: skipMalformed, access: BlobAccess(identityClientID: identityClientID))
    }

    public func run() async throws {
        do {
            _ = try logging.bootstrap(label: "AirlineAnalytics", defaultLevel: .info)
            print(try await mapRun().run().summaryLine)
        } catch {
            FileHandle.standardError.write(
                Data("AirlineAnalytics: error: \(AnalyticsFailure(wrapping: error).message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
