#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The kernel's entry point: CSV in, group-by aggregate, Parquet out.
///
/// ```swift
/// let spec = AggregateSpec {
///     GroupBy("Year", "Month", "DayOfMonth")
///     Average("ArrDelay", as: "avg_ArrDelay")
///     Average("DepDelay", as: "avg_DepDelay")
/// }
/// let summary = try await Aggregation.run(
///     from: .file("2007.csv.bz2"), spec, into: .parquet("2007.parquet"), options: .init(workers: .automatic))
/// print(summary.rowsRead, summary.groups, summary.seconds)
/// ```
public enum Aggregation {
    /// Runs `spec` over `source` and writes the result to `output`.
    ///
    /// - Throws: ``AggregationError`` (input, query or output problems, with file, line and byte offset);
    ///   no output file is left behind on failure.
    public static func run(
        from source: CSVSource, _ spec: AggregateSpec, into output: AggregationOutput = .none,
        options: AggregationOptions = .init()
    ) async throws -> AggregationSummary {
        let clock = ContinuousClock()
        let started = clock.now
        try OutputWriter.checkDestination(output)
        var scan = try await AggregationPipeline.scan(source: source, spec: spec, options: options)
        let scanned = clock.now
        // The group table is handed over, not kept: it is freed once the result table is built, before writing.
        let table = try Finalizer.table(
            spec: spec, plan: scan.plan, groups: scan.takeTable(), threads: options.workers.resolved)
        let finalized = clock.now
        let files = try OutputWriter.write(table, to: output, threads: options.workers.resolved)
        let finished = clock.now
        let phases = AggregationPhases(
            scanSeconds: (scanned - started).secondsValue, readSeconds: scan.readTime.secondsValue,
            parseSeconds: scan.parseTime.secondsValue,
            aggregateSeconds: (scan.mergeTime + (finalized - scanned)).secondsValue,
            writeSeconds: (finished - finalized).secondsValue, workers: options.workers.resolved)
        return AggregationSummary(
            rowsRead: scan.counts.rows + scan.counts.filtered, rowsSkipped: scan.counts.skipped,
            rowsFiltered: scan.counts.filtered, groups: table.rowCount, bytesRead: scan.bytesRead,
            seconds: (finished - started).secondsValue,
            compression: scan.format, workers: options.workers.resolved, header: scan.header, result: table,
            outputFiles: files, phases: phases)
    }

    /// Parses `sql` and runs it; see ``run(from:_:into:options:)``.
    public static func run(
        from source: CSVSource, sql: String, into output: AggregationOutput = .none,
        options: AggregationOptions = .init()
    ) async throws -> AggregationSummary {
        try await run(from: source, try AggregateSpec(sql: sql), into: output, options: options)
    }

    /// The original PySpark job's statement.
    public static let originalStatement =
        "SELECT Year, Month, DayOfMonth, avg(ArrDelay) AS avg_ArrDelay, avg(DepDelay) AS avg_DepDelay FROM airlines GROUP BY Year, Month, DayOfMonth"
}
