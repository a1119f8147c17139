extension ParquetFormat {
    /// `RowGroup`: the chunks of one horizontal slice of the table.
    public struct RowGroup: ThriftCodable, Equatable {
        /// One chunk per leaf, in schema order.
        public var columns: [ColumnChunk]
        /// Σ of the chunks' `total_uncompressed_size` (not the compressed size: arrow #42977).
        public var totalByteSize: Int64
        public var numRows: Int64
        /// Offset of the first page of the first chunk.
        public var fileOffset: Int64?
        /// Σ of the chunks' `total_compressed_size`.
        public var totalCompressedSize: Int64?
        public var ordinal: Int16?

        public init(
            columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, fileOffset: Int64? = nil,
            totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
        ) {
            self.columns = columns
            self.totalByteSize = totalByteSize
            self.numRows = numRows
            self.fileOffset = fileOffset
            self.totalCompressedSize = totalCompressedSize
            self.ordinal = ordinal
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeStructListField(1, columns)
            writer.writeI64Field(2, totalByteSize)
            writer.writeI64Field(3, numRows)
            if let fileOffset { writer.writeI64Field(5, fileOffset) }
            if let totalCompressedSize { writer.writeI64Field(6, totalCompressedSize) }
            if let ordinal { writer.writeI16Field(7, ordinal) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var columns: [ColumnChunk]?
            var totalByteSize: Int64?
            var numRows: Int64?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .list): columns = try reader.readStructList(ColumnChunk.self, field: "RowGroup.columns")
                case (2, .i64): totalByteSize = try reader.readI64()
                case (3, .i64): numRows = try reader.readI64()
                case (5, .i64): fileOffset = try reader.readI64()
                case (6, .i64): totalCompressedSize = try reader.readI64()
                case (7, .i16): ordinal = try reader.readI16()
                default: try reader.skip(field.type)
                }
            }
            self.columns = try reader.require(columns, "RowGroup.columns")
            self.totalByteSize = try reader.require(totalByteSize, "RowGroup.total_byte_size")
            self.numRows = try reader.require(numRows, "RowGroup.num_rows")
        }
    }

    /// `ColumnChunk`: where one column's pages of a row group live.
    public struct ColumnChunk: ThriftCodable, Equatable {
        /// Required by the IDL. This writer stores the chunk start (the defensive choice
        /// for readers that use it; the spec now says 0).
        public var fileOffset: Int64
        public var metaData: ColumnMetaData?

        public init(fileOffset: Int64, metaData: ColumnMetaData?) {
            self.fileOffset = fileOffset
            self.metaData = metaData
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeI64Field(2, fileOffset)
            if let metaData { writer.writeStructField(3, metaData) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var fileOffset: Int64?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (2, .i64): fileOffset = try reader.readI64()
                case (3, .struct): metaData = try ColumnMetaData(from: &reader)
                default: try reader.skip(field.type)
                }
            }
            self.fileOffset = try reader.require(fileOffset, "ColumnChunk.file_offset")
        }
    }
}
