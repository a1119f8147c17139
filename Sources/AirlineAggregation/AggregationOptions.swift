/// How many threads parse chunks in parallel.
public struct WorkerCount: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// 0 means one per active processor.
    public let requested: Int
    public init(_ count: Int) { requested = Swift.max(0, count) }
    public init(integerLiteral value: Int) { self.init(value) }

    /// One worker per active processor.
    public static let automatic = WorkerCount(0)

    /// The effective count (at least 1).
    public var resolved: Int {
        requested > 0 ? requested : Swift.max(1, ProcessInfoShim.activeProcessorCount)
    }

    public var description: String { requested == 0 ? "automatic(\(resolved))" : "\(requested)" }
}

/// Input and parallelism settings of an aggregation run.
public struct AggregationOptions: Sendable {
    public var dialect: CSVDialect
    public var workers: WorkerCount
    /// Skip (and count) rows with the wrong field count or an unparsable value instead of failing.
    public var skipMalformed: Bool
    /// Bytes per chunk handed to a worker; memory use is about `(workers + 2) × chunkSize`.
    public var chunkSize: Int
    /// Largest single record accepted (a guard against unterminated quotes in huge inputs).
    public var maximumRecordSize: Int
    /// Called by the reading task with the input bytes (as stored: compressed bytes for `.bz2`/`.gz`) consumed
    /// since the previous call, for a progress display. Keep it cheap: it runs on the reader's path.
    ///
    /// ```swift
    /// var options = AggregationOptions(workers: 2)
    /// options.inputProgress = { bytes in progress.advance(by: bytes) }   // `progress`: your thread-safe counter
    /// ```
    public var inputProgress: (@Sendable (Int) -> Void)?
    /// How workers find a row's group: chosen per worker from the keys it sees (tests force one way).
    var grouping = GroupingMode.automatic

    public init(
        dialect: CSVDialect = .standard, workers: WorkerCount = .automatic, skipMalformed: Bool = false,
        chunkSize: Int = 4 << 20, maximumRecordSize: Int = 64 << 20, inputProgress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.dialect = dialect
        self.workers = workers
        self.skipMalformed = skipMalformed
        self.chunkSize = Swift.max(1, chunkSize)
        self.maximumRecordSize = Swift.max(self.chunkSize, maximumRecordSize)
        self.inputProgress = inputProgress
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

enum ProcessInfoShim {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
