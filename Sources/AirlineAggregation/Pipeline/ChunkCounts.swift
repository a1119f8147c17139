/// Counters of one parsed chunk.
struct ChunkCounts: Sendable {
    var rows = 0
    var skipped = 0
    var filtered = 0
    var newlines = 0

    mutating func add(_ other: ChunkCounts) {
        rows += other.rows
        skipped += other.skipped
        filtered += other.filtered
        newlines += other.newlines
    }
}

/// A failure inside a chunk, located by offset; the pipeline turns it into an ``AggregationError`` with a line.
struct ChunkFailure: Error {
    var kind: AggregationError.Kind
    var offset: Int
    var column: String?
    var message: String

    /// Internal: a speculative chunk held a quote, so its boundaries cannot be trusted; the run starts over
    /// without speculation. Never reaches the caller.
    static let speculationFailed = AggregationError.Kind(rawValue: "speculationFailed")
}
