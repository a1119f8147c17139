#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A small Parquet reader for this project's round-trip tests: flat schemas of
/// INT32 / INT64 / DOUBLE / BYTE_ARRAY columns, v1 data pages, PLAIN and
/// dictionary encodings, RLE definition levels, and the UNCOMPRESSED, SNAPPY
/// and GZIP codecs. It is not a general reader: nested schemas, v2 pages and
/// other encodings throw ``ParquetError/unsupportedFeature(_:)``.
///
/// Every offset and length from the file is checked, so a corrupt file throws
/// ``ParquetError/corruptFile(offset:reason:)`` naming the byte offset.
///
/// ```swift
/// let reader = try ParquetReader(path: "out/2007.parquet")
/// print(reader.schema.columns.map(\.name), reader.metadata.numRows)
/// let columns = try reader.readAllColumns()      // [ParquetColumnValues], schema order
/// ```
public struct ParquetReader: Sendable {
    /// The whole file.
    public let bytes: [UInt8]
    /// The decoded footer.
    public let metadata: ParquetFormat.FileMetaData
    /// The flat schema rebuilt from the footer.
    public let schema: ParquetSchema
    /// Offset of the footer (the end of the last row group).
    public let footerOffset: Int
    /// Codecs used to decompress pages besides the built-in ones.
    public var customCodecs: [any ParquetCodec] = []

    /// Reads and parses the file at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParquetError.corruptFile(offset: 0, reason: "cannot read '\(path)'")
        }
        try self.init(bytes: [UInt8](data))
    }

    /// Parses `bytes`: magic numbers, footer length, footer and schema.
    public init(bytes: [UInt8]) throws(ParquetError) {
        self.bytes = bytes
        let magic = Array("PAR1".utf8)
        guard bytes.count >= 12 else {
            throw .corruptFile(offset: 0, reason: "\(bytes.count) bytes is too short for a Parquet file")
        }
        guard Array(bytes[0..<4]) == magic else { throw .corruptFile(offset: 0, reason: "missing leading PAR1 magic") }
        guard Array(bytes[(bytes.count - 4)...]) == magic else {
            throw .corruptFile(offset: bytes.count - 4, reason: "missing trailing PAR1 magic")
        }
        let lengthAt = bytes.count - 8
        var footerLength = 0
        for k in 0..<4 { footerLength |= Int(bytes[lengthAt + k]) << (8 * k) }
        guard footerLength <= lengthAt - 4 else {
            throw .corruptFile(offset: lengthAt, reason: "footer length \(footerLength) exceeds the file")
        }
        footerOffset = lengthAt - footerLength
        do {
            var thrift = ThriftCompactReader(bytes, range: footerOffset..<lengthAt)
            metadata = try ParquetFormat.FileMetaData(from: &thrift)
        } catch let error as ThriftDecodingError {
            throw .corruptFile(offset: error.offset, reason: "footer: \(error.reason)")
        } catch {
            throw .corruptFile(offset: footerOffset, reason: "footer: \(error)")
        }
        schema = try Self.flatSchema(metadata.schema)
    }

    /// Maps the footer's schema list to a flat ``ParquetSchema``.
    static func flatSchema(_ elements: [ParquetFormat.SchemaElement]) throws(ParquetError) -> ParquetSchema {
        guard let root = elements.first else { throw .unsupportedFeature("empty schema") }
        let leaves = elements.dropFirst()
        guard Int(root.numChildren ?? -1) == leaves.count else {
            throw .unsupportedFeature(
                "nested schema (root has \(root.numChildren ?? 0) children, \(leaves.count) elements follow)")
        }
        var columns: [ParquetColumn] = []
        for leaf in leaves {
            guard leaf.numChildren == nil || leaf.numChildren == 0 else {
                throw .unsupportedFeature("nested group '\(leaf.name)'")
            }
            let type: ParquetColumnType
            switch leaf.type {
            case .int32?: type = .int32
            case .int64?: type = .int64
            case .double?: type = .double
            case .byteArray?: type = .string
            default:
                throw .unsupportedFeature(
                    "column '\(leaf.name)' has physical type \(leaf.type.map(\.description) ?? "none")")
            }
            let repetition: ParquetRepetition
            switch leaf.repetitionType {
            case .required?: repetition = .required
            case .optional?: repetition = .optional
            default:
                throw .unsupportedFeature(
                    "column '\(leaf.name)' is \(leaf.repetitionType.map(\.description) ?? "without repetition")")
            }
            columns.append(ParquetColumn(leaf.name, type, repetition))
        }
        do {
            return try ParquetSchema(columns, rootName: root.name)
        } catch {
            throw .corruptFile(offset: 0, reason: "schema: \(error)")
        }
    }

    /// Every column, all row groups concatenated, in schema order.
    public func readAllColumns() throws(ParquetError) -> [ParquetColumnValues] {
        var result: [ParquetColumnValues] = []
        for index in schema.columns.indices { result.append(try readColumn(at: index)) }
        return result
    }

    /// The column named `name`.
    public func readColumn(named name: String) throws(ParquetError) -> ParquetColumnValues {
        guard let index = schema.columns.firstIndex(where: { $0.name == name }) else {
            throw .invalidSchema(
                reason: "no column '\(name)'; columns: \(schema.columns.map(\.name).joined(separator: ", "))")
        }
        return try readColumn(at: index)
    }

    /// The column at `index`, all row groups concatenated.
    public func readColumn(at index: Int) throws(ParquetError) -> ParquetColumnValues {
        let column = schema.columns[index]
        switch column.type {
        case .int32: return .int32(try readValues(Int32.self, column: index))
        case .int64: return .int64(try readValues(Int64.self, column: index))
        case .double: return .double(try readValues(Double.self, column: index))
        case .string: return .string(try readValues(String.self, column: index))
        }
    }

    /// The pages of one column chunk, decoded header by header (for tests that check layout).
    public func pages(rowGroup: Int, column: Int) throws(ParquetError) -> [ColumnChunkReader.Page] {
        try chunkReader(rowGroup: rowGroup, column: column).pages()
    }

    private func readValues<Value: ParquetPrimitive>(_ type: Value.Type, column: Int) throws(ParquetError) -> [Value?] {
        var values: [Value?] = []
        values.reserveCapacity(Int(clamping: metadata.numRows))
        for group in metadata.rowGroups.indices {
            let chunk = try chunkReader(rowGroup: group, column: column)
            values.append(contentsOf: try chunk.read(Value.self))
        }
        return values
    }

    func chunkReader(rowGroup: Int, column: Int) throws(ParquetError) -> ColumnChunkReader {
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw .invalidOption(name: "rowGroup", reason: "\(rowGroup) outside 0..<\(metadata.rowGroups.count)")
        }
        let group = metadata.rowGroups[rowGroup]
        guard group.columns.count == schema.columns.count, schema.columns.indices.contains(column) else {
            throw .corruptFile(
                offset: footerOffset,
                reason: "row group \(rowGroup) has \(group.columns.count) chunks for \(schema.columns.count) columns")
        }
        guard let meta = group.columns[column].metaData else {
            throw .unsupportedFeature(
                "column chunk without inline ColumnMetaData (row group \(rowGroup), column \(column))")
        }
        let codec = try ParquetCodecs.resolve(meta.codec, custom: customCodecs)
        return try ColumnChunkReader(
            bytes: bytes, dataEnd: footerOffset, metaData: meta, column: schema.columns[column],
            rowGroupRows: group.numRows, codec: codec)
    }
}
