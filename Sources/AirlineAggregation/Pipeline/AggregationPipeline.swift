/// What the parallel scan produced before finalization.
struct ScanResult: Sendable {
    var header: [String]
    /// The spec resolved against the header, built once here and used again by the finalizer.
    var plan: QueryPlan
    var table: GroupTable
    var counts: ChunkCounts
    var bytesRead: Int
    var format: String
    /// Reader's wait for input bytes, workers' summed parse-and-group time, and the merge of their tables.
    var readTime: Duration
    var parseTime: Duration
    var mergeTime: Duration

    /// The group table, leaving an empty one here, so the caller holds the only reference.
    mutating func takeTable() -> GroupTable {
        defer { table = GroupTable(keyCount: 0, valueCount: 0) }
        return table
    }
}

/// Reader → chunk queue → N parsing workers → merged partial aggregates.
///
/// The reader fills fixed-size buffers (or maps a plain file's chunks), cuts each at its last record boundary,
/// carries the partial record over to the next buffer and queues the chunk; workers parse chunks independently
/// into their own ``GroupTable``, which are merged at the end. Memory is bounded by `(workers + 2)` buffers.
///
/// Cuts are quote-aware, except in a mapped file whose first buffer holds no quote byte: its chunks are cut at
/// their last newline without scanning for quotes (a full pass over the data the reader would otherwise make),
/// and a worker that meets a quote in such a chunk fails the pass, which then runs again with checked cuts.
enum AggregationPipeline {
    /// Chunk size for decompressed input.
    static let compressedChunkSize = 1 << 20

    static func scan(source: CSVSource, spec: AggregateSpec, options: AggregationOptions) async throws -> ScanResult {
        try options.dialect.validate()
        try spec.validate()
        let progress = options.inputProgress.map(InputProgress.init)
        if let result = try await scan(
            source: source, spec: spec, options: options, progress: progress, speculate: true)
        {
            return result
        }
        // A mapped chunk cut without a quote check held a quote: read the file again, checking every cut.
        guard
            let result = try await scan(
                source: source, spec: spec, options: options, progress: progress, speculate: false)
        else { preconditionFailure("a scan without speculation cannot fail speculation") }
        return result
    }

    /// One pass over the input; nil when a speculative chunk turned out to hold a quote (nothing of the pass is
    /// kept). Speculation applies only to mapped plain files, which can be read again.
    private static func scan(
        source: CSVSource, spec: AggregateSpec, options: AggregationOptions, progress: InputProgress?, speculate: Bool
    ) async throws -> ScanResult? {
        let workers = options.workers.resolved
        let coordinator = ChunkCoordinator(bufferCount: workers + 2, bufferSize: options.chunkSize)
        let rawReader = try source.makeReader()
        defer { source.close(rawReader) }
        let mappable = MappableFile.probe(rawReader)
        progress?.seek(to: 0)  // a second pass reports only what the first did not reach
        let countedReader: any ByteReader = progress.map { ProgressReader(base: rawReader, progress: $0) } ?? rawReader
        var reader = DecompressingReader(AnyByteReader(countedReader), name: source.name, workers: workers)
        // Decompressed input is handed over in smaller chunks from the first one on: the decoder, not the parser,
        // sets the pace, and memory stays low.
        try await reader.detectFormat()
        if reader.isCompressed { await coordinator.useBufferSize(min(options.chunkSize, Self.compressedChunkSize)) }
        guard let first = await coordinator.takeBuffer() else {
            throw AggregationError(.inputUnreadable, file: source.name, message: "no buffer available")
        }
        var state = ReaderState(name: source.name, options: options, progress: progress)
        let header = try await state.readHeader(into: first, reader: &reader)
        let plan = try QueryPlan(
            spec: spec, header: header.names, dialect: options.dialect, skipMalformed: options.skipMalformed,
            file: source.name)
        let (table, counts, parseTime, mergeTime) = try await withThrowingTaskGroup(
            of: (GroupTable, ChunkCounts, Duration).self
        ) { group in
            for _ in 0..<workers {
                group.addTask {
                    try await work(plan: plan, coordinator: coordinator, grouping: options.grouping)
                }
            }
            await state.readChunks(
                first: first, start: header.dataStart, reader: &reader,
                mapped: reader.isPlain ? mappable : nil, speculate: speculate, coordinator: coordinator)
            await coordinator.close()
            var partials: [GroupTable] = []
            var total = ChunkCounts()
            var parseTime = Duration.zero
            for try await (partial, partialCounts, busy) in group {
                partials.append(partial)
                total.add(partialCounts)
                parseTime += busy
            }
            // The largest partial becomes the result: its groups are not inserted again, and the table is sized
            // once for all groups instead of rehashing while the others are folded in.
            let started = ContinuousClock.now
            partials.sort { $0.groupCount > $1.groupCount }
            let merged = partials.first ?? GroupTable(plan: plan)
            // A worker that appended rows made its keys repeat anyway: the others are appended too (no lookups),
            // and one fold makes every key one group.
            if partials.contains(where: \.appendsRows) { merged.appendRows() }
            merged.reserve(groups: partials.reduce(0) { $0 + $1.groupCount })
            for partial in partials.dropFirst() {
                if merged.appendsRows {
                    merged.appendGroups(of: partial)
                } else {
                    merged.merge(partial, consuming: true)
                }
            }
            merged.foldDuplicateKeys()
            let mergeTime = ContinuousClock.now - started
            return (merged, total, parseTime, mergeTime)
        }
        if let failure = await coordinator.failures.min(by: { $0.chunkIndex < $1.chunkIndex }) {
            // Every chunk before it was quote-free, so an ordinary failure is real; a speculation failure is not.
            if failure.kind == ChunkFailure.speculationFailed { return nil }
            let before = await coordinator.newlines(before: failure.chunkIndex)
            throw AggregationError(
                failure.kind, file: source.name, line: 1 + header.newlines + before + failure.newlinesBefore,
                byteOffset: failure.inputOffset, column: failure.column, message: failure.message)
        }
        return ScanResult(
            header: header.names, plan: plan, table: table, counts: counts, bytesRead: state.bytesRead,
            format: reader.format,
            readTime: state.readTime, parseTime: parseTime, mergeTime: mergeTime)
    }

    private static func work(plan: QueryPlan, coordinator: ChunkCoordinator, grouping: GroupingMode) async throws
        -> (GroupTable, ChunkCounts, Duration)
    {
        let parser = ChunkParser(plan: plan)
        let table = GroupTable(plan: plan)
        var counts = ChunkCounts()
        var choice = GroupingChoice(mode: grouping, canAppend: plan.distinctSlots.isEmpty)
        if choice.appendsFromStart { table.appendRows() }
        // Two clock reads per chunk (a megabyte or more): the phase report costs nothing measurable.
        var busy = Duration.zero
        while let chunk = await coordinator.nextChunk() {
            let bytes = chunk.buffer.bytes + chunk.start
            do {
                let started = ContinuousClock.now
                defer { busy += ContinuousClock.now - started }
                let chunkCounts = try parser.parse(
                    bytes, count: chunk.count, into: table, speculative: chunk.speculative)
                counts.add(chunkCounts)
                if !table.appendsRows, choice.shouldAppend(rows: counts.rows, groups: table.groupCount) {
                    table.appendRows()
                }
                await coordinator.completed(chunk, newlines: chunkCounts.newlines)
            } catch {
                let failure = LocatedFailure(
                    chunkIndex: chunk.index,
                    newlinesBefore: RecordBoundaries.newlines(bytes, from: 0, to: error.offset),
                    inputOffset: chunk.inputOffset + error.offset, kind: error.kind, column: error.column,
                    message: error.message)
                await coordinator.fail(failure)
                await coordinator.release(chunk.buffer)
            }
        }
        return (table, counts, busy)
    }
}

/// Counts what the base reader returns (the input as stored) into an ``InputProgress``.
struct ProgressReader: ByteReader {
    var base: any ByteReader
    let progress: InputProgress

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        let count = try await base.read(into: buffer)
        progress.advance(by: count)
        return count
    }
}

/// Reports ``AggregationOptions/inputProgress`` once per input byte: a plain file's first buffer is read and
/// then partly mapped again, and the reader may seek back, so reports follow a high-water mark of the position.
/// Used only by the reading task (the decoding task for compressed input), one at a time.
final class InputProgress: @unchecked Sendable {
    private let report: @Sendable (Int) -> Void
    private var position = 0
    private var reported = 0

    init(_ report: @escaping @Sendable (Int) -> Void) { self.report = report }

    func advance(by count: Int) {
        position += count
        if position > reported {
            report(position - reported)
            reported = position
        }
    }

    func seek(to offset: Int) { position = offset }
}

/// Type erasure so the decompressing stage can wrap any reader.
struct AnyByteReader: ByteReader {
    var base: any ByteReader
    init(_ base: any ByteReader) { self.base = base }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        try await base.read(into: buffer)
    }
}
