extension Aggregation {
    /// The merge step of a scaled-out query: folds partial results into the final table, exactly as one run over all
    /// their inputs would compute it, and writes it to `output`.
    ///
    /// Before merging it checks that every partial comes from this query (same fingerprint, same format version)
    /// and that, per input, the partials' ranges tile the input from its first to its last byte with no gap and no
    /// overlap, each range's owned records ending where the next one's begin; with `expecting`, that exactly that
    /// many partials were given.
    ///
    /// ```swift
    /// let partials = try paths.map { try PartialResult(path: $0) }
    /// let summary = try Aggregation.merge(partials, spec, into: .parquet("all-years.parquet"), expecting: 64)
    /// ```
    /// - Throws: ``AggregationError``: `partialMismatch` (another query or format), `incompletePartials` (missing,
    ///   duplicate or inconsistent ranges), `notMergeable`, or output errors.
    public static func merge(
        _ partials: [PartialResult], _ spec: AggregateSpec, into output: AggregationOutput = .none,
        options: AggregationOptions = .init(), expecting: Int? = nil
    ) throws -> AggregationSummary {
        let clock = ContinuousClock()
        let started = clock.now
        try checkMergeable(spec)
        try spec.validate()
        try OutputWriter.checkDestination(output)
        guard let first = partials.first else {
            throw AggregationError(.incompletePartials, message: "no partial results to merge")
        }
        if let expecting, partials.count != expecting {
            throw AggregationError(
                .incompletePartials,
                message: "expected \(expecting) partial results, found \(partials.count)"
                    + (partials.count < expecting
                        ? " (\(expecting - partials.count) missing)" : " (\(partials.count - expecting) too many)"))
        }
        let fingerprint = QueryFingerprint(spec: spec, dialect: options.dialect, skipMalformed: options.skipMalformed)
        for partial in partials where partial.query != fingerprint {
            throw AggregationError(
                .partialMismatch, file: partial.coverage.first?.label,
                message:
                    "the partial result was made by another query (fingerprint \(partial.query.hash), this merge's "
                    + "query has \(fingerprint.hash)); map and merge must use the same --sql")
        }
        try checkCoverage(partials.flatMap(\.coverage))
        let plan = try QueryPlan(
            spec: spec, header: first.header, dialect: options.dialect, skipMalformed: options.skipMalformed, file: nil)
        let valueColumns = plan.valueSlots.map { plan.slots[$0].name }
        for partial in partials where partial.valueColumns != valueColumns || partial.table.keyCount != spec.keys.count
        {
            throw AggregationError(
                .partialMismatch, file: partial.coverage.first?.label,
                message:
                    "the partial's state columns (\(partial.valueColumns.joined(separator: ", "))) differ from the "
                    + "query's (\(valueColumns.joined(separator: ", "))): its input's header resolves the query differently"
            )
        }
        let textColumns = plan.textValueColumns.map { plan.slots[plan.valueSlots[$0]].name }
        let distinctColumns = plan.distinctSlots.map { plan.slots[$0].name }
        for partial in partials
        where partial.textColumns != textColumns || partial.distinctColumns != distinctColumns {
            throw AggregationError(
                .partialMismatch, file: partial.coverage.first?.label,
                message:
                    "the partial's text/distinct state columns (\(partial.textColumns), \(partial.distinctColumns)) "
                    + "differ from the query's (\(textColumns), \(distinctColumns))")
        }
        let merged = GroupTable(plan: plan)
        merged.reserve(groups: partials.map(\.groups).max() ?? 0)
        for partial in partials { merged.merge(partial.table) }
        let table = try Finalizer.table(spec: spec, plan: plan, groups: merged, threads: options.workers.resolved)
        let finalized = clock.now
        let files = try OutputWriter.write(table, to: output, threads: options.workers.resolved)
        let finished = clock.now
        let rows = partials.reduce(0) { $0 + $1.rows }
        let filtered = partials.reduce(0) { $0 + $1.rowsFiltered }
        let phases = AggregationPhases(
            scanSeconds: 0, readSeconds: 0, parseSeconds: 0, aggregateSeconds: (finalized - started).secondsValue,
            writeSeconds: (finished - finalized).secondsValue, workers: 1)
        return AggregationSummary(
            rowsRead: rows + filtered, rowsSkipped: partials.reduce(0) { $0 + $1.rowsSkipped }, rowsFiltered: filtered,
            groups: table.rowCount, bytesRead: partials.reduce(0) { $0 + $1.bytesRead },
            seconds: (finished - started).secondsValue, compression: "partial", workers: 1, header: first.header,
            result: table, outputFiles: files, phases: phases)
    }

    /// Per input: the ranges start at 0, follow each other without gap or overlap, end at the input's size, and
    /// each range's owned records end exactly where the next range's begin.
    static func checkCoverage(_ coverage: [InputCoverage]) throws {
        let byInput = Dictionary(grouping: coverage, by: \.input)
        for (input, entries) in byInput.sorted(by: { $0.key < $1.key }) {
            let ranges = entries.sorted { ($0.rangeStart, $0.rangeEnd) < ($1.rangeStart, $1.rangeEnd) }
            func fail(_ message: String) -> AggregationError {
                AggregationError(.incompletePartials, file: input, message: message)
            }
            if let size = ranges.first?.inputSize, let other = ranges.first(where: { $0.inputSize != size }) {
                throw fail(
                    "partials disagree on the input's size (\(size) and \(other.inputSize) bytes): it changed between tasks"
                )
            }
            let size = ranges[0].inputSize
            if ranges[0].rangeStart != 0 {
                throw fail("bytes 0-\(ranges[0].rangeStart) are covered by no partial result")
            }
            for (previous, next) in zip(ranges, ranges.dropFirst()) {
                if next.range == previous.range {
                    throw fail("two partial results cover range \(next.rangeStart)-\(next.rangeEnd)")
                }
                if next.rangeStart > previous.rangeEnd {
                    throw fail("bytes \(previous.rangeEnd)-\(next.rangeStart) are covered by no partial result")
                }
                if next.rangeStart < previous.rangeEnd {
                    throw fail(
                        "ranges \(previous.rangeStart)-\(previous.rangeEnd) and \(next.rangeStart)-\(next.rangeEnd) overlap"
                    )
                }
                if previous.unit != next.unit || previous.ownedEnd != next.ownedStart {
                    throw fail(
                        "range \(previous.rangeStart)-\(previous.rangeEnd) owned records up to \(previous.unit) \(previous.ownedEnd) "
                            + "but range \(next.rangeStart)-\(next.rangeEnd) started at \(next.unit) \(next.ownedStart): the "
                            + "split is inconsistent; run the map tasks of this input again")
                }
            }
            if let last = ranges.last, last.rangeEnd != size {
                throw fail("bytes \(last.rangeEnd)-\(size) are covered by no partial result")
            }
        }
    }
}
