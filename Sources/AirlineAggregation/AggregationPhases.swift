/// Where a run's time went, so a slow task can be explained from its log: the scan overlaps reading with
/// parsing, so the phases of the scan do not add up to its wall time.
///
/// ```swift
/// let summary = try await Aggregation.run(from: .file("2007.csv.bz2"), sql: sql, into: .parquet("2007.parquet"))
/// print(summary.phases)   // scan 3.10 s (read/decompress wait 2.95 s, parse+group 5.80 s over 2 workers), …
/// ```
public struct AggregationPhases: Sendable, Equatable, CustomStringConvertible {
    /// Wall time of the scan: reading, decompressing, parsing and grouping, overlapped.
    public var scanSeconds: Double
    /// Time the reader waited for input bytes: storage or network reads, and decompression for `.gz`/`.bz2`.
    /// Close to ``scanSeconds``: input-bound; far below: parse-bound.
    public var readSeconds: Double
    /// Time the workers spent parsing rows into their group tables, summed over workers.
    public var parseSeconds: Double
    /// Merging the workers' tables, then computing, sorting and typing the result.
    public var aggregateSeconds: Double
    /// Encoding and writing the output (0 without output).
    public var writeSeconds: Double
    public var workers: Int

    public init(
        scanSeconds: Double, readSeconds: Double, parseSeconds: Double, aggregateSeconds: Double,
        writeSeconds: Double, workers: Int
    ) {
        self.scanSeconds = scanSeconds
        self.readSeconds = readSeconds
        self.parseSeconds = parseSeconds
        self.aggregateSeconds = aggregateSeconds
        self.writeSeconds = writeSeconds
        self.workers = workers
    }

    public var description: String {
        func s(_ value: Double) -> String {
            let hundredths = Int((value * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
        }
        return
            "scan \(s(scanSeconds)) (read/decompress wait \(s(readSeconds)), parse+group \(s(parseSeconds)) over \(workers) workers), "
            + "aggregate \(s(aggregateSeconds)), write \(s(writeSeconds))"
    }
}

extension Duration {
    /// Seconds as a `Double`.
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
