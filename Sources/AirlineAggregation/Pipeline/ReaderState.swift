/// The reader side of the pipeline: fills buffers, finds record boundaries, carries partial records forward.
struct ReaderState {
    struct Header {
        var names: [String]
        /// Where data starts in the first buffer.
        var dataStart: Int
        /// Physical lines the header record spans.
        var newlines: Int
    }

    let name: String
    let options: AggregationOptions
    /// Bytes of (decompressed) input consumed so far.
    var bytesRead = 0
    /// Time spent waiting for input bytes (reading, and decompressing for compressed input).
    var readTime = Duration.zero
    private var filled = 0
    private var endOfInput = false
    /// Input offset of byte 0 of the current buffer.
    private var bufferOffset = 0
    var chunkIndex = 0

    /// Input progress, advanced here for mapped chunks (reads advance it in ``ProgressReader``).
    let progress: InputProgress?

    init(name: String, options: AggregationOptions, progress: InputProgress? = nil) {
        self.name = name
        self.options = options
        self.progress = progress
    }

    /// Reads until the first record is complete and returns the column names.
    mutating func readHeader(into buffer: ChunkBuffer, reader: inout some ByteReader) async throws -> Header {
        let quote = options.dialect.quote
        try await fill(buffer, reader: &reader)
        if filled == 0 {
            throw AggregationError(
                .emptyInput, file: name, line: 1, byteOffset: 0, message: "the input is empty (no header)")
        }
        var start = 0
        if filled >= 3, buffer.bytes[0] == 0xEF, buffer.bytes[1] == 0xBB, buffer.bytes[2] == 0xBF { start = 3 }
        if let carriageReturn = RecordBoundaries.loneCarriageReturn(buffer.bytes, from: start, to: filled, quote: quote)
        {
            // Without this check the whole file would read as one header line and fail as an unknown column.
            throw AggregationError(
                .unsupportedLineEndings, file: name, line: 1, byteOffset: carriageReturn,
                message: "the header line ends with a lone CR at byte \(carriageReturn): CR-only (classic Mac OS) "
                    + "line endings are not supported; convert the file to LF or CRLF line endings")
        }
        var end = RecordBoundaries.firstRecordEnd(buffer.bytes, from: start, to: filled, quote: quote)
        while end == nil && !endOfInput {
            try grow(buffer)
            try await fill(buffer, reader: &reader)
            end = RecordBoundaries.firstRecordEnd(buffer.bytes, from: start, to: filled, quote: quote)
        }
        let recordEnd = end ?? filled
        let bytes = Array(UnsafeBufferPointer(start: buffer.bytes + start, count: recordEnd - start))
        if bytes.allSatisfy({ $0 == 0x0A || $0 == 0x0D }) && endOfInput && recordEnd == filled {
            throw AggregationError(
                .emptyInput, file: name, line: 1, byteOffset: 0, message: "the input holds no header")
        }
        var tokenizerDialect = options.dialect
        tokenizerDialect.hasHeader = true
        let records: [ReferenceTokenizer.Record]
        do {
            records = try ReferenceTokenizer(dialect: tokenizerDialect).records(bytes)
        } catch var error as AggregationError {
            error.file = name
            throw error
        }
        guard let first = records.first else {
            throw AggregationError(
                .emptyInput, file: name, line: 1, byteOffset: start, message: "the first line is blank")
        }
        let newlines = RecordBoundaries.newlines(buffer.bytes, from: start, to: recordEnd)
        if options.dialect.hasHeader {
            let names = first.fields.map { String(decoding: $0, as: UTF8.self) }
            return Header(names: names, dataStart: recordEnd, newlines: newlines)
        }
        return Header(names: first.fields.indices.map { "_c\($0)" }, dataStart: start, newlines: 0)
    }

    /// Cuts the input into chunks of whole records until the end (or until the coordinator stops the run).
    /// With `mapped`, records after the first buffer come from mappings of that file, and only its tail is read;
    /// with `speculate` too, and no quote byte in the first buffer, mapped chunks are cut without a quote check.
    ///
    /// Each round: read until a record ends (``scanForRecordEnd(_:from:reader:)``), settle the end of input
    /// (``finishInput(_:from:scan:coordinator:)``), hand the whole records over, then either hand the rest of a
    /// mappable file to ``readMappedChunks(_:from:speculative:coordinator:)`` or carry the partial record into the
    /// next buffer (``startBuffer(_:carrying:reader:)``).
    mutating func readChunks(
        first: ChunkBuffer, start firstStart: Int, reader: inout some ByteReader, mapped: MappableFile? = nil,
        speculate: Bool = false, coordinator: ChunkCoordinator
    ) async {
        var buffer = first
        var start = firstStart
        var mapped = mapped
        do {
            while true {
                var scan = try await scanForRecordEnd(buffer, from: start, reader: &reader)
                if endOfInput { try await finishInput(buffer, from: start, scan: &scan, coordinator: coordinator) }
                let end = scan.lastRecordEnd ?? start
                await submit(buffer, from: start, to: end, coordinator: coordinator)
                if endOfInput && end >= filled { return }
                var carry = Carry(
                    bytes: Array(UnsafeBufferPointer(start: buffer.bytes + end, count: filled - end)),
                    offset: bufferOffset + end)
                if let file = mapped, !endOfInput {
                    mapped = nil
                    guard
                        let tail = try await handOver(
                            to: file, after: buffer, from: carry.offset, speculate: speculate, coordinator: coordinator)
                    else { return }
                    carry = Carry(bytes: [], offset: tail)
                }
                guard let next = await coordinator.takeBuffer() else { return }
                buffer = next
                try await startBuffer(next, carrying: carry, reader: &reader)
                start = 0
            }
        } catch {
            await coordinator.fail(located(error))
        }
    }

    /// The bytes of a partial record moved from the end of one buffer to the start of the next.
    private struct Carry {
        var bytes: [UInt8]
        /// Input offset of the first carried byte.
        var offset: Int
    }

    /// Fills (and, for a record longer than the buffer, grows) `buffer` until a record ends after `start` or the
    /// input ends.
    private mutating func scanForRecordEnd(_ buffer: ChunkBuffer, from start: Int, reader: inout some ByteReader)
        async throws -> RecordBoundaries.Scan
    {
        let quote = options.dialect.quote
        var scan = RecordBoundaries.scan(buffer.bytes, from: start, to: filled, quote: quote)
        while scan.lastRecordEnd == nil && !endOfInput {
            if filled == buffer.capacity { try grow(buffer) }
            try await fill(buffer, reader: &reader)
            scan = RecordBoundaries.scan(buffer.bytes, from: start, to: filled, quote: quote)
        }
        return scan
    }

    /// At the end of input: a quote still open fails the run (after the complete records before it, so an earlier
    /// error wins); a last record without a newline gets one, so every chunk ends with a newline.
    private mutating func finishInput(
        _ buffer: ChunkBuffer, from start: Int, scan: inout RecordBoundaries.Scan, coordinator: ChunkCoordinator
    ) async throws {
        if let open = scan.openQuote {
            var openStart = start
            if let complete = scan.lastRecordEnd, complete > start {
                await submit(buffer, from: start, to: complete, coordinator: coordinator)
                openStart = complete
            }
            throw LocatedFailure(
                chunkIndex: chunkIndex,
                newlinesBefore: RecordBoundaries.newlines(buffer.bytes, from: openStart, to: open),
                inputOffset: bufferOffset + open, kind: .unterminatedQuote, column: nil,
                message: "quoted field opened at byte \(bufferOffset + open) is not closed before the end of input")
        }
        if filled > start, buffer.bytes[filled - 1] != 0x0A {
            buffer.bytes[filled] = 0x0A  // within the slack
            filled += 1
            scan.lastRecordEnd = filled
        }
    }

    /// Queues `[start, end)` of `buffer` as the next chunk, or gives the buffer back when that range is empty.
    private mutating func submit(_ buffer: ChunkBuffer, from start: Int, to end: Int, coordinator: ChunkCoordinator)
        async
    {
        guard end > start else {
            await coordinator.release(buffer)
            return
        }
        await coordinator.submit(
            Chunk(
                index: chunkIndex, buffer: buffer, start: start, count: end - start, inputOffset: bufferOffset + start))
        chunkIndex += 1
    }

    /// Hands `file` from `offset` on to the workers as mappings (speculatively when `speculate` and the first
    /// buffer held no quote byte) and moves the read position to the tail left for copying; nil when the run
    /// stopped.
    private mutating func handOver(
        to file: MappableFile, after buffer: ChunkBuffer, from offset: Int, speculate: Bool,
        coordinator: ChunkCoordinator
    ) async throws -> Int? {
        let speculative =
            speculate
            && !BlockClassifier.contains(options.dialect.quote, in: UnsafeRawPointer(buffer.bytes), count: filled)
        guard
            let tail = try await readMappedChunks(
                file, from: offset, speculative: speculative, coordinator: coordinator)
        else { return nil }
        try file.seek(to: tail, name: name)
        progress?.seek(to: tail)
        bytesRead = tail
        return tail
    }

    /// Makes `buffer` the current one: heap storage, the carried partial record at its start, then filled.
    private mutating func startBuffer(_ buffer: ChunkBuffer, carrying carry: Carry, reader: inout some ByteReader)
        async throws
    {
        buffer.useHeap(capacity: options.chunkSize)
        bufferOffset = carry.offset
        // A buffer grown for a long record can leave a carry larger than a standard buffer.
        if carry.bytes.count > buffer.capacity { buffer.grow(to: carry.bytes.count * 2, keeping: 0) }
        carry.bytes.withUnsafeBytes { bytes in
            if let from = bytes.baseAddress, !bytes.isEmpty {
                buffer.base.copyMemory(from: from, byteCount: bytes.count)
            }
        }
        filled = carry.bytes.count
        if !endOfInput { try await fill(buffer, reader: &reader) }
    }

    /// Any failure of the reader as a located one, in the chunk being cut.
    private func located(_ error: any Error) -> LocatedFailure {
        switch error {
        case let failure as LocatedFailure:
            return failure
        case let error as AggregationError:
            return LocatedFailure(
                chunkIndex: chunkIndex, newlinesBefore: 0, inputOffset: error.byteOffset, kind: error.kind,
                column: error.column, message: error.message)
        default:
            return LocatedFailure(
                chunkIndex: chunkIndex, newlinesBefore: 0, inputOffset: nil, kind: .inputUnreadable, column: nil,
                message: "\(error)")
        }
    }

    /// Reads until the buffer is full or the input ends.
    private mutating func fill(_ buffer: ChunkBuffer, reader: inout some ByteReader) async throws {
        let started = ContinuousClock.now
        defer { readTime += ContinuousClock.now - started }
        while filled < buffer.capacity && !endOfInput {
            let count = try await reader.read(into: buffer.writable(from: filled))
            if count == 0 {
                endOfInput = true
            } else {
                filled += count
                bytesRead += count
            }
        }
    }

    /// A record longer than the buffer: double it, up to the configured maximum.
    private func grow(_ buffer: ChunkBuffer) throws {
        guard buffer.capacity < options.maximumRecordSize else {
            throw LocatedFailure(
                chunkIndex: chunkIndex, newlinesBefore: 0, inputOffset: bufferOffset, kind: .recordTooLarge,
                column: nil,
                message: "a record starting at byte \(bufferOffset) exceeds \(options.maximumRecordSize) bytes")
        }
        buffer.grow(to: Swift.min(buffer.capacity * 2, options.maximumRecordSize), keeping: filled)
    }
}

extension LocatedFailure: Error {}
