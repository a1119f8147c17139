import AirlineAggregation
import ArgumentParser

import Foundation

/// CSV (plain, gzip or bzip2) -> SQL group-by -> Parquet, the original PySpark job as one command.
@main
struct AirlineAnalytics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Aggregate airline on-time CSV into Parquet.",
        discussion: "Example: AirlineAnalytics --input 2007.csv.bz2 --output 2007.parquet")

    @Option(name: .shortAndLong, help: "Input CSV (plain, .gz or .bz2; detected by content), or - for stdin.")
    var input: String
    @Option(name: .shortAndLong, help: "Output Parquet path, or - to print the result as CSV.")
    var output: String
    @Option(help: "The query (SELECT … FROM … [WHERE …] GROUP BY … [ORDER BY …]).")
    var sql: String = Aggregation.originalStatement
    @Option(help: "Parquet compression: snappy, uncompressed, gzip.")
    var codec: String = "snappy"
    @Option(help: "Parallel parsing workers (0 = one per core).")
    var workers: Int = 0
    @Flag(help: "Skip malformed rows (and count them) instead of failing.")
    var skipMalformed = false
    @Flag(help: "Write Spark's directory layout (part-00000-….parquet + _SUCCESS).")
    var sparkLayout = false

    func run() async throws {
        let job = AnalyticsJob(
            input: input, output: output, sql: sql, codec: .init(rawValue: codec), workers: WorkerCount(workers),
            skipMalformed: skipMalformed, sparkLayout: sparkLayout)
        let outcome = await job.run()
        for line in outcome.lines { print(line) }
        if let errorLine = outcome.errorLine {
            FileHandle.standardError.write(Data((errorLine + "\n").utf8))
            throw ExitCode(outcome.exitCode)
        }
    }
}
