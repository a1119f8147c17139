extension ParquetFormat {
    /// `PageHeader`, written before every page payload.
    public struct PageHeader: ThriftCodable, Equatable {
        public var type: PageType
        /// Payload bytes before compression (header excluded).
        public var uncompressedPageSize: Int32
        /// Payload bytes as stored.
        public var compressedPageSize: Int32
        public var crc: Int32?
        public var dataPageHeader: DataPageHeader?
        public var dictionaryPageHeader: DictionaryPageHeader?

        public init(
            type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
            dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil
        ) {
            self.type = type
            self.uncompressedPageSize = uncompressedPageSize
            self.compressedPageSize = compressedPageSize
            self.crc = crc
            self.dataPageHeader = dataPageHeader
            self.dictionaryPageHeader = dictionaryPageHeader
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeI32Field(1, type.rawValue)
            writer.writeI32Field(2, uncompressedPageSize)
            writer.writeI32Field(3, compressedPageSize)
            if let crc { writer.writeI32Field(4, crc) }
            if let dataPageHeader { writer.writeStructField(5, dataPageHeader) }
            if let dictionaryPageHeader { writer.writeStructField(7, dictionaryPageHeader) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var type: PageType?
            var uncompressed: Int32?
            var compressed: Int32?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .i32): type = PageType(rawValue: try reader.readI32())
                case (2, .i32): uncompressed = try reader.readI32()
                case (3, .i32): compressed = try reader.readI32()
                case (4, .i32): crc = try reader.readI32()
                case (5, .struct): dataPageHeader = try DataPageHeader(from: &reader)
                case (7, .struct): dictionaryPageHeader = try DictionaryPageHeader(from: &reader)
                default: try reader.skip(field.type)
                }
            }
            self.type = try reader.require(type, "PageHeader.type")
            self.uncompressedPageSize = try reader.require(uncompressed, "PageHeader.uncompressed_page_size")
            self.compressedPageSize = try reader.require(compressed, "PageHeader.compressed_page_size")
        }
    }

    /// `DataPageHeader` of a v1 data page; all four fields are required.
    public struct DataPageHeader: ThriftCodable, Equatable {
        /// Values including nulls.
        public var numValues: Int32
        public var encoding: Encoding
        public var definitionLevelEncoding: Encoding
        public var repetitionLevelEncoding: Encoding

        public init(
            numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding = .rle,
            repetitionLevelEncoding: Encoding = .rle
        ) {
            self.numValues = numValues
            self.encoding = encoding
            self.definitionLevelEncoding = definitionLevelEncoding
            self.repetitionLevelEncoding = repetitionLevelEncoding
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeI32Field(1, numValues)
            writer.writeI32Field(2, encoding.rawValue)
            writer.writeI32Field(3, definitionLevelEncoding.rawValue)
            writer.writeI32Field(4, repetitionLevelEncoding.rawValue)
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var values: Int32?
            var encoding: Int32?
            var definition: Int32?
            var repetition: Int32?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .i32): values = try reader.readI32()
                case (2, .i32): encoding = try reader.readI32()
                case (3, .i32): definition = try reader.readI32()
                case (4, .i32): repetition = try reader.readI32()
                default: try reader.skip(field.type)
                }
            }
            numValues = try reader.require(values, "DataPageHeader.num_values")
            self.encoding = Encoding(rawValue: try reader.require(encoding, "DataPageHeader.encoding"))
            definitionLevelEncoding = Encoding(
                rawValue: try reader.require(definition, "DataPageHeader.definition_level_encoding"))
            repetitionLevelEncoding = Encoding(
                rawValue: try reader.require(repetition, "DataPageHeader.repetition_level_encoding"))
        }
    }

    /// `DictionaryPageHeader`.
    public struct DictionaryPageHeader: ThriftCodable, Equatable {
        public var numValues: Int32
        /// PLAIN (or the legacy PLAIN_DICTIONARY spelling).
        public var encoding: Encoding
        public var isSorted: Bool?

        public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
            self.numValues = numValues
            self.encoding = encoding
            self.isSorted = isSorted
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeI32Field(1, numValues)
            writer.writeI32Field(2, encoding.rawValue)
            if let isSorted { writer.writeBoolField(3, isSorted) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var values: Int32?
            var encoding: Int32?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .i32): values = try reader.readI32()
                case (2, .i32): encoding = try reader.readI32()
                case (3, .booleanTrue), (3, .booleanFalse): isSorted = try reader.boolValue(of: field)
                default: try reader.skip(field.type)
                }
            }
            numValues = try reader.require(values, "DictionaryPageHeader.num_values")
            self.encoding = Encoding(rawValue: try reader.require(encoding, "DictionaryPageHeader.encoding"))
        }
    }
}
