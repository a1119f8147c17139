/// Writes a Parquet file incrementally: `PAR1`, row groups, then the footer,
/// its length and `PAR1`.
///
/// Bytes accumulate in memory until ``takeBytes()`` drains them, so a caller
/// can stream row groups to a file (``ParquetWriter/write(schema:columns:to:options:)``
/// does this through ``AtomicFileWriter``) or keep everything in memory.
///
/// ```swift
/// var writer = try ParquetFileWriter(schema: schema)
/// try writer.write([.int32(years), .double(delays)])     // one or more row groups
/// var file = writer.takeBytes()
/// file += try writer.finish()
/// ```
public struct ParquetFileWriter: Sendable {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions
    private let codec: any ParquetCodec
    private var pending: [UInt8] = Array("PAR1".utf8)
    /// Absolute file offset of `pending[0]`.
    private var drained = 0
    private var rowGroups: [ParquetFormat.RowGroup] = []
    /// Rows written so far.
    public private(set) var rowCount: Int64 = 0
    /// The footer, once ``finish()`` has run.
    public private(set) var metadata: ParquetFormat.FileMetaData?

    /// Validates the options and resolves the codec (throws
    /// ``ParquetError/codecUnavailable(codec:reason:)`` for codecs this build lacks).
    public init(schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        try options.validate()
        self.schema = schema
        self.options = options
        codec = try ParquetCodecs.resolve(options.codec, custom: options.customCodecs)
    }

    /// Appends rows: one array per schema column, all of the same length. Inputs longer
    /// than ``ParquetWriterOptions/rowGroupRows`` become several row groups; zero rows
    /// write nothing (a file without rows gets one empty row group at ``finish()``). Validation happens before any byte is produced.
    public mutating func write(_ columns: [ParquetColumnValues]) throws(ParquetError) {
        let rows = try Self.validate(columns, against: schema)
        try write(columns, rows: 0..<rows)
    }

    /// Appends only `rows` of the given columns (no copy of the arrays), split into row
    /// groups like ``write(_:)``.
    public mutating func write(_ columns: [ParquetColumnValues], rows: Range<Int>) throws(ParquetError) {
        guard metadata == nil else { throw .writerFinished }
        let count = try Self.validate(columns, against: schema)
        guard rows.lowerBound >= 0, rows.upperBound <= count else {
            throw .invalidOption(name: "rows", reason: "range \(rows) outside the \(count) rows given")
        }
        var rowGroups: [Range<Int>] = []
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = min(start + options.rowGroupRows, rows.upperBound)
            rowGroups.append(start..<end)
            start = end
        }
        guard options.encodingThreads > 1, rowGroups.count * columns.count > 1 else {
            for group in rowGroups { try writeRowGroup(columns, rows: group) }
            return
        }
        let encoder = ChunkBatchEncoder(schema: schema, options: options, codec: codec)
        for (group, chunks) in zip(rowGroups, try encoder.encode(columns, rowGroups: rowGroups)) {
            appendRowGroup(chunks, rows: group)
        }
    }

    /// Appends a row group encoded by ``ChunkBatchEncoder``.
    private mutating func appendRowGroup(_ encoded: [ChunkBatchEncoder.EncodedChunk], rows: Range<Int>) {
        let groupStart = Int64(drained + pending.count)
        var chunks: [ParquetFormat.ColumnChunk] = []
        chunks.reserveCapacity(encoded.count)
        for chunk in encoded {
            chunks.append(chunk.placed(at: Int64(drained + pending.count)))
            pending.append(contentsOf: chunk.bytes)
        }
        appendRowGroupEntry(chunks, rows: rows, start: groupStart)
    }

    /// Returns the bytes produced since the last call and forgets them.
    public mutating func takeBytes() -> [UInt8] {
        let bytes = pending
        drained += pending.count
        pending = []
        return bytes
    }

    /// Writes the footer and returns the remaining bytes (everything not yet taken).
    public mutating func finish() throws(ParquetError) -> [UInt8] {
        guard metadata == nil else { throw .writerFinished }
        if rowGroups.isEmpty {
            // Like pyarrow, an empty table still gets one empty row group, so every column
            // records its codec and encodings (readers and tools expect at least one chunk).
            try writeRowGroup(schema.columns.map(\.type.emptyValues), rows: 0..<0)
        }
        let footer = ParquetFormat.FileMetaData(
            version: 1, schema: schema.schemaElements, numRows: rowCount, rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
            createdBy: options.createdBy,
            columnOrders: options.writeStatistics ? Array(repeating: .typeDefined, count: schema.columns.count) : nil)
        let footerBytes = footer.thriftBytes()
        guard let length = UInt32(exactly: footerBytes.count) else {
            throw .valueTooLarge(column: schema.rootName, reason: "footer of \(footerBytes.count) bytes exceeds 4 GiB")
        }
        pending.append(contentsOf: footerBytes)
        withUnsafeBytes(of: length.littleEndian) { pending.append(contentsOf: $0) }
        pending.append(contentsOf: "PAR1".utf8)
        metadata = footer
        return takeBytes()
    }

    private mutating func writeRowGroup(_ columns: [ParquetColumnValues], rows: Range<Int>) throws(ParquetError) {
        let groupStart = Int64(drained + pending.count)
        var chunks: [ParquetFormat.ColumnChunk] = []
        chunks.reserveCapacity(columns.count)
        for (column, values) in zip(schema.columns, columns) {
            let writer = ColumnChunkWriter(column: column, options: options, codec: codec)
            chunks.append(try writer.write(values, rows: rows, fileOffset: drained + pending.count, into: &pending))
        }
        appendRowGroupEntry(chunks, rows: rows, start: groupStart)
    }

    /// Records a row group whose chunks were appended from `start` on.
    private mutating func appendRowGroupEntry(
        _ chunks: [ParquetFormat.ColumnChunk], rows: Range<Int>, start groupStart: Int64
    ) {
        let uncompressed = chunks.reduce(Int64(0)) { $0 + ($1.metaData?.totalUncompressedSize ?? 0) }
        let compressed = chunks.reduce(Int64(0)) { $0 + ($1.metaData?.totalCompressedSize ?? 0) }
        rowGroups.append(
            ParquetFormat.RowGroup(
                columns: chunks, totalByteSize: uncompressed, numRows: Int64(rows.count), fileOffset: groupStart,
                totalCompressedSize: compressed, ordinal: Int16(exactly: rowGroups.count)))
        rowCount += Int64(rows.count)
    }

    /// Checks column count, types, lengths and REQUIRED columns; returns the row count.
    static func validate(_ columns: [ParquetColumnValues], against schema: ParquetSchema) throws(ParquetError) -> Int {
        guard columns.count == schema.columns.count else {
            throw .columnCountMismatch(expected: schema.columns.count, actual: columns.count)
        }
        let rows = columns.first?.count ?? 0
        for (column, values) in zip(schema.columns, columns) {
            guard values.type == column.type else {
                throw .columnTypeMismatch(column: column.name, expected: column.type, actual: values.type)
            }
            guard values.count == rows else {
                throw .columnLengthMismatch(column: column.name, expected: rows, actual: values.count)
            }
            if column.repetition == .required, let row = values.firstNullRow {
                throw .nullInRequiredColumn(column: column.name, row: row)
            }
        }
        return rows
    }
}

extension ParquetColumnType {
    /// A column of this type with no rows.
    var emptyValues: ParquetColumnValues {
        switch self {
        case .int32: .int32([])
        case .int64: .int64([])
        case .double: .double([])
        case .string: .string([])
        }
    }
}

extension ParquetColumnValues {
    /// Index of the first null, if any.
    var firstNullRow: Int? {
        switch self {
        case .int32(let values): values.firstIndex { $0 == nil }
        case .int64(let values): values.firstIndex { $0 == nil }
        case .double(let values): values.firstIndex { $0 == nil }
        case .string(let values): values.firstIndex { $0 == nil }
        case .dictionaryString(let column): column.indices.firstIndex(of: ParquetStringDictionary.nullIndex)
        }
    }
}
