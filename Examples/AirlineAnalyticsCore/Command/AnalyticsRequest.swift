import AirlineAggregation
import ParquetKit

/// Everything one AirlineAnalytics run needs, independent of the command line that produced it.
public struct AnalyticsRequest: Sendable {
    public var input: DataLocation
    /// `nil` computes and summarises without writing a file.
    public var output: DataLocation?
    public var sql: String
    public var codec: ParquetOutputOptions.Codec
    public var workers: WorkerCount
    public var skipMalformed: Bool
    public var sparkLayout: Bool
    /// Where to write the SVG chart of the daily averages, if anywhere.
    public var plot: String?
    public var progress: ProgressStyle

    public init(
        input: DataLocation, output: DataLocation?, sql: String = Aggregation.originalStatement,
        codec: ParquetOutputOptions.Codec = .snappy, workers: WorkerCount = .automatic, skipMalformed: Bool = false,
        sparkLayout: Bool = false, plot: String? = nil, progress: ProgressStyle = .auto
    ) {
        self.input = input
        self.output = output
        self.sql = sql
        self.codec = codec
        self.workers = workers
        self.skipMalformed = skipMalformed
        self.sparkLayout = sparkLayout
        self.plot = plot
        self.progress = progress
    }
}
