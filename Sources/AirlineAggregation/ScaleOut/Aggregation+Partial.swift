import CompressionCodecs

extension Aggregation {
    /// The aggregate functions whose partial states merge exactly (format version 2): all of them.
    public static let mergeableFunctions: Set<AggregateExpression.Function> = Set(
        AggregateExpression.Function.allCases)

    /// The map step of a scaled-out query: aggregates the records `range` owns (the whole input when nil) into a
    /// mergeable ``PartialResult``.
    ///
    /// Plain CSV splits at any byte; `.bz2` at block boundaries (the blocks that start in the range); `.gz` only
    /// whole. The merge of the partials of any tiling of an input equals ``run(from:_:into:options:)`` over it.
    ///
    /// ```swift
    /// let input = try RangedInput.file("2007.csv.bz2")
    /// let first = try await Aggregation.partial(of: input, range: 0..<(input.size / 2), spec)
    /// let second = try await Aggregation.partial(of: input, range: (input.size / 2)..<input.size, spec)
    /// let summary = try Aggregation.merge([first, second], spec, into: .parquet("2007.parquet"))
    /// ```
    /// - Throws: ``AggregationError``: `notMergeable` for an aggregate without a partial state, `unsplittableInput`
    ///   for part of a `.gz`, `quotedNewlineAtSplit` when a quoted line break sits where the next range would start,
    ///   and every error of a plain run (offsets in input terms, lines unknown inside a range).
    public static func partial(
        of input: RangedInput, range: Range<Int>? = nil, _ spec: AggregateSpec, options: AggregationOptions = .init()
    ) async throws -> PartialResult {
        try checkMergeable(spec)
        try spec.validate()
        try options.dialect.validate()
        let whole = 0..<input.size
        let requested = range ?? whole
        guard requested.lowerBound >= 0, requested.upperBound <= input.size else {
            throw AggregationError(
                .invalidRange, file: input.name,
                message:
                    "range \(requested.lowerBound)-\(requested.upperBound) is outside the input's \(input.size) bytes")
        }
        if requested == whole {
            let source = input.localPath.map(CSVSource.file) ?? CSVSource(name: input.name) { try input.open(whole) }
            let scan = try await AggregationPipeline.scan(source: source, spec: spec, options: options)
            let coverage = InputCoverage(
                input: input.name, inputSize: input.size, range: whole, owned: whole, unit: .byte)
            return try partialResult(scan, spec: spec, options: options, coverage: coverage)
        }
        var head = ForwardRangeReader(input, from: 0, plannedEnd: CompressionFormat.detectionPrefixLength)
        let format = CompressionFormat.detect(try await head.read(upTo: CompressionFormat.detectionPrefixLength))
        guard format == .none || format == .bzip2 else {
            throw AggregationError(
                .unsplittableInput, file: input.name,
                message: "\(format) input cannot be split into byte ranges; give its task the whole input (no --range)")
        }
        guard options.dialect.hasHeader else {
            throw AggregationError(
                .unsplittableInput, file: input.name,
                message: "splitting needs a header line (the dialect says there is none)")
        }
        let quote = options.dialect.quote
        if format == .bzip2 {
            let ownership = RangeOwnership()
            let source = CSVSource(name: input.name) {
                Bzip2RangeReader(input: input, range: requested, quote: quote, ownership: ownership)
            }
            let scan = try await scanRange(source, of: input, requested, spec, options: options) {
                (ownership.headerLength, ownership.bodyOffset)
            }
            guard let start = ownership.ownedStart, let end = ownership.ownedEnd, start <= end else {
                preconditionFailure("a range reader finished without recording what it owned")
            }
            let coverage = InputCoverage(
                input: input.name, inputSize: input.size, range: requested, owned: start..<end, unit: .bzip2BlockBit)
            return try partialResult(scan, spec: spec, options: options, coverage: coverage)
        }
        let window = try await CSVRangeWindow.locate(in: input, range: requested, quote: quote)
        let scan: ScanResult
        do {
            scan = try await scanRange(window.source(for: input), of: input, requested, spec, options: options) {
                (window.header.count, window.ownedStart)
            }
        } catch let error as AggregationError where error.kind == .unterminatedQuote && window.ownedEnd < input.size {
            // The window ends inside a quoted field: the LF it ends with, where the next range starts, is quoted.
            throw AggregationError(
                .quotedNewlineAtSplit, file: input.name, byteOffset: window.ownedEnd - 1,
                message: "the first line break at or after byte \(requested.upperBound) (the end of range "
                    + "\(requested.lowerBound)-\(requested.upperBound)) is inside a quoted field, so the next range "
                    + "would start mid-record; run this input whole (without --range) or split it elsewhere")
        }
        let coverage = InputCoverage(
            input: input.name, inputSize: input.size, range: requested, owned: window.owned, unit: .byte)
        return try partialResult(scan, spec: spec, options: options, coverage: coverage)
    }

    /// Scans a range's stream (its header, then its records), reporting errors in input terms: `layout` gives the
    /// header's length in the stream and the input offset of the first byte after it (nil when unknown).
    private static func scanRange(
        _ source: CSVSource, of input: RangedInput, _ requested: Range<Int>, _ spec: AggregateSpec,
        options: AggregationOptions, layout: () -> (headerLength: Int, bodyOffset: Int?)
    ) async throws -> ScanResult {
        do {
            return try await AggregationPipeline.scan(source: source, spec: spec, options: options)
        } catch var error as AggregationError {
            error.file = error.file ?? input.name
            error.line = nil
            let ownOffset = [.corruptCompressedInput, .quotedNewlineAtSplit, .inputUnreadable].contains(error.kind)
            if !ownOffset, let offset = error.byteOffset {
                // The parser counts from the header put in front of the range's records.
                let (headerLength, bodyOffset) = layout()
                if let body = bodyOffset, offset >= headerLength {
                    error.byteOffset = body + offset - headerLength
                } else if offset >= headerLength {
                    error.byteOffset = nil
                }
            }
            error.message += " (in range \(requested.lowerBound)-\(requested.upperBound))"
            throw error
        }
    }

    static func checkMergeable(_ spec: AggregateSpec) throws {
        for aggregate in spec.aggregates where !mergeableFunctions.contains(aggregate.function) {
            throw AggregationError(
                .notMergeable, column: aggregate.column,
                message: "\(aggregate.outputName): \(aggregate.function.rawValue) has no mergeable partial state yet; "
                    + "run this query in one task (without map/merge)")
        }
    }

    private static func partialResult(
        _ scan: ScanResult, spec: AggregateSpec, options: AggregationOptions, coverage: InputCoverage
    ) throws -> PartialResult {
        let plan = scan.plan
        return PartialResult(
            query: QueryFingerprint(spec: spec, dialect: options.dialect, skipMalformed: options.skipMalformed),
            header: scan.header, coverage: [coverage], rows: scan.counts.rows, rowsFiltered: scan.counts.filtered,
            rowsSkipped: scan.counts.skipped, bytesRead: scan.bytesRead, table: scan.table,
            valueColumns: plan.valueSlots.map { plan.slots[$0].name },
            textColumns: plan.textValueColumns.map { plan.slots[plan.valueSlots[$0]].name },
            distinctColumns: plan.distinctSlots.map { plan.slots[$0].name })
    }
}
