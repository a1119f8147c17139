extension ParquetFormat {
    /// `ColumnMetaData`: type, encodings, codec, sizes, page offsets and statistics of one chunk.
    public struct ColumnMetaData: ThriftCodable, Equatable {
        public var type: PhysicalType
        /// Every encoding used in the chunk, levels included.
        public var encodings: [Encoding]
        public var pathInSchema: [String]
        public var codec: CompressionCodec
        /// Values including nulls (= rows for flat columns).
        public var numValues: Int64
        /// Σ (page header bytes + uncompressed payload), dictionary page included.
        public var totalUncompressedSize: Int64
        /// Σ (page header bytes + stored payload) = byte length of the chunk.
        public var totalCompressedSize: Int64
        /// Offset of the first data page (never the dictionary page).
        public var dataPageOffset: Int64
        /// Set exactly when the chunk starts with a dictionary page.
        public var dictionaryPageOffset: Int64?
        public var statistics: Statistics?

        public init(
            type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
            numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64,
            dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil
        ) {
            self.type = type
            self.encodings = encodings
            self.pathInSchema = pathInSchema
            self.codec = codec
            self.numValues = numValues
            self.totalUncompressedSize = totalUncompressedSize
            self.totalCompressedSize = totalCompressedSize
            self.dataPageOffset = dataPageOffset
            self.dictionaryPageOffset = dictionaryPageOffset
            self.statistics = statistics
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeI32Field(1, type.rawValue)
            writer.writeListField(2, elementType: .i32, count: encodings.count) { w in
                for encoding in encodings { w.writeI32(encoding.rawValue) }
            }
            writer.writeListField(3, elementType: .binary, count: pathInSchema.count) { w in
                for part in pathInSchema { w.writeString(part) }
            }
            writer.writeI32Field(4, codec.rawValue)
            writer.writeI64Field(5, numValues)
            writer.writeI64Field(6, totalUncompressedSize)
            writer.writeI64Field(7, totalCompressedSize)
            writer.writeI64Field(9, dataPageOffset)
            if let dictionaryPageOffset { writer.writeI64Field(11, dictionaryPageOffset) }
            if let statistics { writer.writeStructField(12, statistics) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var type: PhysicalType?
            var encodings: [Encoding]?
            var path: [String]?
            var codec: CompressionCodec?
            var numValues: Int64?
            var uncompressed: Int64?
            var compressed: Int64?
            var dataPageOffset: Int64?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
                case (2, .list):
                    encodings = try reader.readList(of: .i32, field: "ColumnMetaData.encodings") { r in
                        Encoding(rawValue: try r.readI32())
                    }
                case (3, .list):
                    path = try reader.readList(of: .binary, field: "ColumnMetaData.path_in_schema") { r in
                        try r.readString()
                    }
                case (4, .i32): codec = CompressionCodec(rawValue: try reader.readI32())
                case (5, .i64): numValues = try reader.readI64()
                case (6, .i64): uncompressed = try reader.readI64()
                case (7, .i64): compressed = try reader.readI64()
                case (9, .i64): dataPageOffset = try reader.readI64()
                case (11, .i64): dictionaryPageOffset = try reader.readI64()
                case (12, .struct): statistics = try Statistics(from: &reader)
                default: try reader.skip(field.type)
                }
            }
            self.type = try reader.require(type, "ColumnMetaData.type")
            self.encodings = try reader.require(encodings, "ColumnMetaData.encodings")
            self.pathInSchema = try reader.require(path, "ColumnMetaData.path_in_schema")
            self.codec = try reader.require(codec, "ColumnMetaData.codec")
            self.numValues = try reader.require(numValues, "ColumnMetaData.num_values")
            self.totalUncompressedSize = try reader.require(uncompressed, "ColumnMetaData.total_uncompressed_size")
            self.totalCompressedSize = try reader.require(compressed, "ColumnMetaData.total_compressed_size")
            self.dataPageOffset = try reader.require(dataPageOffset, "ColumnMetaData.data_page_offset")
        }
    }

    /// `Statistics` of a column chunk. Bounds are PLAIN-encoded values (no length
    /// prefix for strings) compared in the column's type order.
    public struct Statistics: ThriftCodable, Equatable {
        public var nullCount: Int64?
        public var distinctCount: Int64?
        public var maxValue: [UInt8]?
        public var minValue: [UInt8]?
        /// Whether ``maxValue`` is an actual value of the chunk (not a rounded bound).
        public var isMaxValueExact: Bool?
        public var isMinValueExact: Bool?

        public init(
            nullCount: Int64? = nil, distinctCount: Int64? = nil, maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil,
            isMaxValueExact: Bool? = nil, isMinValueExact: Bool? = nil
        ) {
            self.nullCount = nullCount
            self.distinctCount = distinctCount
            self.maxValue = maxValue
            self.minValue = minValue
            self.isMaxValueExact = isMaxValueExact
            self.isMinValueExact = isMinValueExact
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            if let nullCount { writer.writeI64Field(3, nullCount) }
            if let distinctCount { writer.writeI64Field(4, distinctCount) }
            if let maxValue { writer.writeBinaryField(5, maxValue) }
            if let minValue { writer.writeBinaryField(6, minValue) }
            if let isMaxValueExact { writer.writeBoolField(7, isMaxValueExact) }
            if let isMinValueExact { writer.writeBoolField(8, isMinValueExact) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (3, .i64): nullCount = try reader.readI64()
                case (4, .i64): distinctCount = try reader.readI64()
                case (5, .binary): maxValue = try reader.readBinary()
                case (6, .binary): minValue = try reader.readBinary()
                case (7, .booleanTrue), (7, .booleanFalse): isMaxValueExact = try reader.boolValue(of: field)
                case (8, .booleanTrue), (8, .booleanFalse): isMinValueExact = try reader.boolValue(of: field)
                default: try reader.skip(field.type)
                }
            }
        }
    }
}
