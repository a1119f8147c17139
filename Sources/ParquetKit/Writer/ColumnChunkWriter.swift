/// Writes one column chunk: an optional dictionary page, then v1 data pages,
/// and returns its `ColumnChunk` footer entry (sizes, offsets, encodings,
/// statistics).
///
/// PLAIN or dictionary is decided once for the whole chunk (see
/// ``ParquetDictionaryPolicy``); an all-null chunk is always PLAIN, since
/// readers choke on empty dictionary pages.
public struct ColumnChunkWriter: Sendable {
    public let column: ParquetColumn
    public let options: ParquetWriterOptions
    public let codec: any ParquetCodec

    public init(column: ParquetColumn, options: ParquetWriterOptions, codec: any ParquetCodec) {
        self.column = column
        self.options = options
        self.codec = codec
    }

    /// Appends the chunk for `values` to `out`.
    ///
    /// - Parameters:
    ///   - fileOffset: the absolute file offset of `out`'s current end, where the chunk starts.
    ///   - values: the rows of this row group; REQUIRED columns must hold no nulls.
    public func write<Value: ParquetPrimitive>(
        _ values: ArraySlice<Value?>, fileOffset: Int, into out: inout [UInt8]
    ) throws(ParquetError) -> ParquetFormat.ColumnChunk {
        try write(values, dictionary: chooseDictionary(values), fileOffset: fileOffset, into: &out)
    }

    /// The chunk of `values`, with `dictionary` (or PLAIN when nil).
    private func write<Value: ParquetPrimitive>(
        _ values: ArraySlice<Value?>, dictionary: DictionaryBuilder<Value>?, fileOffset: Int, into out: inout [UInt8]
    ) throws(ParquetError) -> ParquetFormat.ColumnChunk {
        try write(
            rows: values.indices, dictionary: dictionary, fileOffset: fileOffset, into: &out,
            level: { values[$0] == nil ? 0 : 1 }, plainBits: { (values[$0]?.plainSize ?? 0) * 8 },
            plainPage: { PageEncoder.plainDataPage(values[$0], optional: column.repetition == .optional) },
            plainStatistics: { StatisticsBuilder.statistics(of: values, distinctCount: distinctCount(values)) })
    }

    /// Appends the chunk for `rows` of a column given as dictionary + indices: the chunk's dictionary is the
    /// entries those rows use, renumbered in first-use order (what ``write(_:fileOffset:into:)`` builds from
    /// strings), found with one array lookup per row instead of a hash of each text. When the policy or the
    /// dictionary page limit rules a dictionary out, the rows are spelled out and written PLAIN.
    public func write(
        _ values: ParquetStringDictionary, rows: Range<Int>, fileOffset: Int, into out: inout [UInt8]
    ) throws(ParquetError) -> ParquetFormat.ColumnChunk {
        let plain = { (range: Range<Int>) in values.indices[range].map { $0 < 0 ? nil : values.dictionary[Int($0)] } }
        var overLimit = false
        guard options.dictionary != .never,
            let dictionary = chunkDictionary(values, rows: rows, overLimit: &overLimit)
        else {
            // Over the page limit, the strings' dictionary would be too (the same texts in the same first-use
            // order): PLAIN without building it. Otherwise the strings decide, as ``write(_:fileOffset:into:)``.
            if overLimit { return try write(plain(rows)[...], dictionary: nil, fileOffset: fileOffset, into: &out) }
            return try write(plain(rows)[...], fileOffset: fileOffset, into: &out)
        }
        return try write(
            rows: rows, dictionary: dictionary, fileOffset: fileOffset, into: &out,
            level: { values.indices[$0] < 0 ? 0 : 1 }, plainBits: { _ in 0 },
            plainPage: { PageEncoder.plainDataPage(plain($0)[...], optional: column.repetition == .optional) },
            plainStatistics: { StatisticsBuilder.statistics(of: plain(rows)[...], distinctCount: nil) })
    }

    /// The dictionary of the entries `rows` use, or `nil` when the rules of ``chooseDictionary(_:)`` pick PLAIN
    /// (no non-null row, a dictionary page over the limit, or under `.automatic` a mostly distinct chunk or one
    /// no smaller than PLAIN); `overLimit` tells the dictionary page went over the limit.
    func chunkDictionary(_ values: ParquetStringDictionary, rows: Range<Int>, overLimit: inout Bool)
        -> DictionaryBuilder<String>?
    {
        var renumbered = [Int32](repeating: -1, count: values.dictionary.count)
        var entries: [String] = []
        var dictionaryPlainSize = 0
        var plainSize = 0
        overLimit = false
        // Raw buffers: this loop runs once per row of every text column (millions), and the array accesses'
        // uniqueness and bounds checks were most of its time.
        let indices = [UInt32](unsafeUninitializedCapacity: rows.count) { target, initialized in
            values.indices.withUnsafeBufferPointer { rowIndices in
                values.plainSizes.withUnsafeBufferPointer { sizes in
                    renumbered.withUnsafeMutableBufferPointer { renumbered in
                        for row in rows {
                            let index = Int(rowIndices[row])
                            guard index >= 0 else { continue }
                            plainSize += sizes[index]
                            var entry = renumbered[index]
                            if entry < 0 {
                                dictionaryPlainSize += sizes[index]
                                guard dictionaryPlainSize <= options.maximumDictionaryPageSize else {
                                    overLimit = true
                                    return
                                }
                                entry = Int32(entries.count)
                                renumbered[index] = entry
                                entries.append(values.dictionary[index])
                            }
                            target[initialized] = UInt32(entry)
                            initialized += 1
                        }
                    }
                }
            }
        }
        if overLimit { return nil }
        guard !indices.isEmpty else { return nil }
        let dictionary = DictionaryBuilder(
            values: entries, indices: indices, dictionaryPlainSize: dictionaryPlainSize, plainSize: plainSize)
        if options.dictionary == .always { return dictionary }
        guard entries.count * 4 <= indices.count * 3 else { return nil }
        return dictionary.estimatedEncodedSize < dictionary.plainSize ? dictionary : nil
    }

    /// The chunk of `rows`: dictionary pages when `dictionary` is given, else PLAIN.
    ///
    /// - Parameters:
    ///   - level: the definition level of a row (0 null, 1 present).
    ///   - plainBits: the PLAIN size in bits of a present row.
    ///   - plainPage: the PLAIN data page payload of a range of rows.
    ///   - plainStatistics: the statistics of all rows, for a PLAIN chunk.
    private func write<Value: ParquetPrimitive>(
        rows: Range<Int>, dictionary: DictionaryBuilder<Value>?, fileOffset: Int, into out: inout [UInt8],
        level: (Int) -> UInt8, plainBits: (Int) -> Int, plainPage: (Range<Int>) -> [UInt8],
        plainStatistics: () -> ParquetFormat.Statistics?
    ) throws(ParquetError) -> ParquetFormat.ColumnChunk {
        let optional = column.repetition == .optional
        let bufferStart = out.count
        func absolute(_ index: Int) -> Int64 { Int64(fileOffset + index - bufferStart) }

        var pages = PageWriter(codec: codec, column: column.name)
        var dictionaryPageOffset: Int64?
        let encodings: [ParquetFormat.Encoding]
        let dataEncoding: ParquetFormat.Encoding
        if let dictionary {
            dictionaryPageOffset = absolute(out.count)
            let pageEncoding: ParquetFormat.Encoding =
                options.dictionaryEncoding == .plainDictionary ? .plainDictionary : .plain
            try pages.appendDictionaryPage(
                payload: PageEncoder.dictionaryPage(dictionary.values), numValues: dictionary.values.count,
                encoding: pageEncoding, to: &out)
            dataEncoding = options.dictionaryEncoding
            encodings = pageEncoding == dataEncoding ? [dataEncoding, .rle] : [pageEncoding, .rle, dataEncoding]
        } else {
            dataEncoding = .plain
            encodings = [.plain, .rle]
        }

        let dataPageOffset = absolute(out.count)
        let indexBitWidth = dictionary?.indexBitWidth ?? 0
        // A dictionary chunk without nulls (every row has an index): its pages' ends follow from the constant
        // index width, and their levels are all 1, so no row is looked at for either.
        let allPresent = dictionary.map { $0.indices.count == rows.count } ?? false
        var row = rows.lowerBound
        var indexCursor = 0
        repeat {
            let (end, nonNull) =
                if allPresent {
                    presentPageEnd(rows, from: row, bits: indexBitWidth)
                } else if dictionary != nil {
                    pageEnd(rows, from: row, level: level, bits: { _ in indexBitWidth })
                } else {
                    pageEnd(rows, from: row, level: level, bits: plainBits)
                }
            let payload: [UInt8]
            if let dictionary {
                let indices = dictionary.indices[indexCursor..<indexCursor + nonNull]
                payload =
                    allPresent
                    ? PageEncoder.dictionaryDataPage(
                        levels: repeatElement(UInt8(1), count: end - row), indices: indices,
                        bitWidth: dictionary.indexBitWidth, optional: optional)
                    : PageEncoder.dictionaryDataPage(
                        levels: (row..<end).lazy.map(level), indices: indices,
                        bitWidth: dictionary.indexBitWidth, optional: optional)
            } else {
                payload = plainPage(row..<end)
            }
            try pages.appendDataPage(payload: payload, numValues: end - row, encoding: dataEncoding, to: &out)
            indexCursor += nonNull
            row = end
        } while row < rows.upperBound

        var statistics: ParquetFormat.Statistics?
        if options.writeStatistics {
            if let dictionary {
                // Every distinct value is in the dictionary: its bounds are the chunk's, found without comparing
                // every row (a column of millions of strings compared row by row cost more than its encoding).
                var builder = StatisticsBuilder<Value>()
                for value in dictionary.values { builder.add(value) }
                builder.addNulls(rows.count - dictionary.indices.count)
                statistics = builder.statistics(
                    distinctCount: options.writeDistinctCount ? Int64(dictionary.values.count) : nil)
            } else {
                statistics = plainStatistics()
            }
        }
        let metaData = ParquetFormat.ColumnMetaData(
            type: Value.physicalType, encodings: encodings, pathInSchema: [column.name], codec: codec.codec,
            numValues: Int64(rows.count), totalUncompressedSize: Int64(pages.totalUncompressedSize),
            totalCompressedSize: Int64(pages.totalCompressedSize), dataPageOffset: dataPageOffset,
            dictionaryPageOffset: dictionaryPageOffset, statistics: statistics)
        return ParquetFormat.ColumnChunk(fileOffset: dictionaryPageOffset ?? dataPageOffset, metaData: metaData)
    }

    /// The dictionary to use for this chunk, or `nil` for PLAIN.
    func chooseDictionary<Value: ParquetPrimitive>(_ values: ArraySlice<Value?>) -> DictionaryBuilder<Value>? {
        guard options.dictionary != .never, values.contains(where: { $0 != nil }) else { return nil }
        guard
            let dictionary = DictionaryBuilder(
                values, maximumBytes: options.maximumDictionaryPageSize,
                abandonWhenMostlyDistinct: options.dictionary == .automatic)
        else { return nil }
        if options.dictionary == .always { return dictionary }
        return dictionary.estimatedEncodedSize < dictionary.plainSize ? dictionary : nil
    }

    /// End of the page starting at `start` (exclusive) and its non-null count: stops at
    /// ``ParquetWriterOptions/maximumRowsPerPage`` rows or once the values reach
    /// ``ParquetWriterOptions/pageSize`` bytes (`bits` gives a present row's encoded size).
    func pageEnd(
        _ rows: Range<Int>, from start: Int, level: (Int) -> UInt8, bits: (Int) -> Int
    ) -> (end: Int, nonNull: Int) {
        let limitBits = options.pageSize * 8
        let last =
            rows.upperBound - start > options.maximumRowsPerPage ? start + options.maximumRowsPerPage : rows.upperBound
        var total = 0
        var nonNull = 0
        var end = start
        while end < last && total < limitBits {
            if level(end) != 0 {
                total += bits(end)
                nonNull += 1
            }
            end += 1
        }
        return (end, nonNull)
    }

    /// ``pageEnd(_:from:level:bits:)`` for rows that are all present and `bits` wide each: the same end, computed.
    func presentPageEnd(_ rows: Range<Int>, from start: Int, bits: Int) -> (end: Int, nonNull: Int) {
        let limitBits = options.pageSize * 8
        let available = min(rows.upperBound - start, options.maximumRowsPerPage)
        // The scan stops at the first row that takes the page to the limit.
        let count = bits == 0 ? available : min(available, (limitBits + bits - 1) / bits)
        return (start + count, count)
    }

    private func distinctCount<Value: ParquetPrimitive>(_ values: ArraySlice<Value?>) -> Int64? {
        guard options.writeDistinctCount else { return nil }
        var seen = Set<Value.DictionaryKey>()
        for value in values {
            if let value { seen.insert(value.dictionaryKey) }
        }
        return Int64(seen.count)
    }
}
