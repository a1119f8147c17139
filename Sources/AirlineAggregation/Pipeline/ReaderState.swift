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
    mutating func readHeader(into buffer: ByteBuffer, reader: inout some ByteReader) async throws -> Header {
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
    mutating func readChunks(
        first: ByteBuffer, start firstStart: Int, reader: inout some ByteReader, mapped: MappableFile? = nil,
        speculate: Bool = false, coordinator: ChunkCoordinator
    ) async {
        var buffer = first
        var start = firstStart
        var mapped = mapped
        do {
            while true {
                let quote = options.dialect.quote
                var scan = RecordBoundaries.scan(buffer.bytes, from: start, to: filled, quote: quote)
                while scan.lastRecordEnd == nil && !endOfInput {
                    if filled == buffer.capacity { try grow(buffer) }
                    try await fill(buffer, reader: &reader)
                    scan = RecordBoundaries.scan(buffer.bytes, from: start, to: filled, quote: quote)
                }
                if endOfInput {
                    if let open = scan.openQuote {
                        // Complete records before the open quote still run, so an earlier error wins.
                        var openStart = start
                        if let complete = scan.lastRecordEnd, complete > start {
                            await coordinator.submit(
                                Chunk(
                                    index: chunkIndex, buffer: buffer, start: start, count: complete - start,
                                    inputOffset: bufferOffset + start))
                            chunkIndex += 1
                            openStart = complete
                        }
                        throw LocatedFailure(
                            chunkIndex: chunkIndex,
                            newlinesBefore: RecordBoundaries.newlines(buffer.bytes, from: openStart, to: open),
                            inputOffset: bufferOffset + open, kind: .unterminatedQuote, column: nil,
                            message:
                                "quoted field opened at byte \(bufferOffset + open) is not closed before the end of input"
                        )
                    }
                    if filled > start, buffer.bytes[filled - 1] != 0x0A {
                        buffer.bytes[filled] = 0x0A  // within the slack; makes every chunk end with a newline
                        filled += 1
                        scan.lastRecordEnd = filled
                    }
                }
                let end = scan.lastRecordEnd ?? start
                if end > start {
                    await coordinator.submit(
                        Chunk(
                            index: chunkIndex, buffer: buffer, start: start, count: end - start,
                            inputOffset: bufferOffset + start))
                    chunkIndex += 1
                } else {
                    await coordinator.release(buffer)
                }
                if endOfInput && end >= filled { return }
                var carry = Array(UnsafeBufferPointer(start: buffer.bytes + end, count: filled - end))
                var carryOffset = bufferOffset + end
                if let file = mapped, !endOfInput {
                    mapped = nil
                    let speculative =
                        speculate
                        && !BlockClassifier.contains(
                            options.dialect.quote, in: UnsafeRawPointer(buffer.bytes), count: filled)
                    guard
                        let tail = try await readMappedChunks(
                            file, from: carryOffset, speculative: speculative, coordinator: coordinator)
                    else { return }
                    try file.seek(to: tail, name: name)
                    progress?.seek(to: tail)
                    carry = []
                    carryOffset = tail
                    bytesRead = tail
                }
                guard let next = await coordinator.takeBuffer() else { return }
                next.useHeap(capacity: options.chunkSize)
                bufferOffset = carryOffset
                buffer = next
                // A buffer grown for a long record can leave a carry larger than a standard buffer.
                if carry.count > buffer.capacity { buffer.grow(to: carry.count * 2, keeping: 0) }
                carry.withUnsafeBytes { bytes in
                    if let from = bytes.baseAddress, !bytes.isEmpty {
                        buffer.base.copyMemory(from: from, byteCount: bytes.count)
                    }
                }
                filled = carry.count
                start = 0
                if !endOfInput { try await fill(buffer, reader: &reader) }
            }
        } catch let failure as LocatedFailure {
            await coordinator.fail(failure)
        } catch let error as AggregationError {
            await coordinator.fail(
                LocatedFailure(
                    chunkIndex: chunkIndex, newlinesBefore: 0, inputOffset: error.byteOffset, kind: error.kind,
                    column: error.column, message: error.message))
        } catch {
            await coordinator.fail(
                LocatedFailure(
                    chunkIndex: chunkIndex, newlinesBefore: 0, inputOffset: nil, kind: .inputUnreadable, column: nil,
                    message: "\(error)"))
        }
    }

    /// Reads until the buffer is full or the input ends.
    private mutating func fill(_ buffer: ByteBuffer, reader: inout some ByteReader) async throws {
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
    private func grow(_ buffer: ByteBuffer) throws {
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
