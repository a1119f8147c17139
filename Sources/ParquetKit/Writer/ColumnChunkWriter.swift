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
        let optional = column.repetition == .optional
        let bufferStart = out.count
        func absolute(_ index: Int) -> Int64 { Int64(fileOffset + index - bufferStart) }

        let dictionary = chooseDictionary(values)
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
        var row = values.startIndex
        var indexCursor = 0
        repeat {
            let (end, nonNull) = pageEnd(values, from: row, dictionaryBitWidth: dictionary?.indexBitWidth)
            let pageValues = values[row..<end]
            let payload: [UInt8]
            if let dictionary {
                let indices = dictionary.indices[indexCursor..<indexCursor + nonNull]
                payload = PageEncoder.dictionaryDataPage(
                    pageValues, indices: indices, bitWidth: dictionary.indexBitWidth, optional: optional)
            } else {
                payload = PageEncoder.plainDataPage(pageValues, optional: optional)
            }
            try pages.appendDataPage(payload: payload, numValues: pageValues.count, encoding: dataEncoding, to: &out)
            indexCursor += nonNull
            row = end
        } while row < values.endIndex

        var statistics: ParquetFormat.Statistics?
        if options.writeStatistics {
            if let dictionary {
                // Every distinct value is in the dictionary: its bounds are the chunk's, found without comparing
                // every row (a column of millions of strings compared row by row cost more than its encoding).
                var builder = StatisticsBuilder<Value>()
                for value in dictionary.values { builder.add(value) }
                builder.addNulls(values.count - dictionary.indices.count)
                statistics = builder.statistics(distinctCount: distinctCount(values, dictionary))
            } else {
                statistics = StatisticsBuilder.statistics(of: values, distinctCount: distinctCount(values, dictionary))
            }
        }
        let metaData = ParquetFormat.ColumnMetaData(
            type: Value.physicalType, encodings: encodings, pathInSchema: [column.name], codec: codec.codec,
            numValues: Int64(values.count), totalUncompressedSize: Int64(pages.totalUncompressedSize),
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
    /// ``ParquetWriterOptions/pageSize`` bytes.
    func pageEnd<Value: ParquetPrimitive>(
        _ values: ArraySlice<Value?>, from start: Int, dictionaryBitWidth: Int?
    ) -> (end: Int, nonNull: Int) {
        let limitBits = options.pageSize * 8
        let last =
            values.endIndex - start > options.maximumRowsPerPage ? start + options.maximumRowsPerPage : values.endIndex
        var bits = 0
        var nonNull = 0
        var end = start
        while end < last && bits < limitBits {
            if let value = values[end] {
                bits += dictionaryBitWidth ?? value.plainSize * 8
                nonNull += 1
            }
            end += 1
        }
        return (end, nonNull)
    }

    private func distinctCount<Value: ParquetPrimitive>(
        _ values: ArraySlice<Value?>, _ dictionary: DictionaryBuilder<Value>?
    ) -> Int64? {
        guard options.writeDistinctCount else { return nil }
        if let dictionary { return Int64(dictionary.values.count) }
        var seen = Set<Value.DictionaryKey>()
        for value in values {
            if let value { seen.insert(value.dictionaryKey) }
        }
        return Int64(seen.count)
    }
}
