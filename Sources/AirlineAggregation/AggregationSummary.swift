/// What a run did: counts, timing, the result table and the files written.
public struct AggregationSummary: Sendable {
    /// Well-formed data rows read (including rows a WHERE clause dropped).
    public var rowsRead: Int
    /// Malformed rows skipped (only with `skipMalformed`).
    public var rowsSkipped: Int
    /// Rows dropped by the WHERE clause.
    public var rowsFiltered: Int
    /// Output rows.
    public var groups: Int
    /// Bytes of CSV text processed (after decompression).
    public var bytesRead: Int
    /// Wall-clock seconds for the whole run, including writing the output.
    public var seconds: Double
    /// The detected input compression (`none`, `gzip`, `bzip2`).
    public var compression: String
    public var workers: Int
    /// The input's header.
    public var header: [String]
    public var result: ResultTable
    /// Files written (the Parquet file, or the part file and `_SUCCESS`).
    public var outputFiles: [String]
    /// Where the time went.
    public var phases: AggregationPhases

    /// CSV throughput in MB/s (10^6 bytes).
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytesRead) / 1e6 / seconds : 0 }
}
