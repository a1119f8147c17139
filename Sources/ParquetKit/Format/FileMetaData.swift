extension ParquetFormat {
    /// The footer root (`FileMetaData`).
    public struct FileMetaData: ThriftCodable, Equatable {
        /// 1 = maximum compatibility (the value parquet.thrift recommends).
        public var version: Int32
        /// Root element first, then the leaves depth-first.
        public var schema: [SchemaElement]
        public var numRows: Int64
        public var rowGroups: [RowGroup]
        public var keyValueMetadata: [KeyValue]?
        public var createdBy: String?
        /// One ``ColumnOrder/typeDefined`` per leaf: without it pyarrow ignores `min_value`/`max_value`.
        public var columnOrders: [ColumnOrder]?

        public init(
            version: Int32 = 1, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
            keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil
        ) {
            self.version = version
            self.schema = schema
            self.numRows = numRows
            self.rowGroups = rowGroups
            self.keyValueMetadata = keyValueMetadata
            self.createdBy = createdBy
            self.columnOrders = columnOrders
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeI32Field(1, version)
            writer.writeStructListField(2, schema)
            writer.writeI64Field(3, numRows)
            writer.writeStructListField(4, rowGroups)
            if let keyValueMetadata { writer.writeStructListField(5, keyValueMetadata) }
            if let createdBy { writer.writeStringField(6, createdBy) }
            if let columnOrders { writer.writeStructListField(7, columnOrders) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var version: Int32?
            var schema: [SchemaElement]?
            var numRows: Int64?
            var rowGroups: [RowGroup]?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .i32): version = try reader.readI32()
                case (2, .list): schema = try reader.readStructList(SchemaElement.self, field: "FileMetaData.schema")
                case (3, .i64): numRows = try reader.readI64()
                case (4, .list): rowGroups = try reader.readStructList(RowGroup.self, field: "FileMetaData.row_groups")
                case (5, .list):
                    keyValueMetadata = try reader.readStructList(
                        KeyValue.self, field: "FileMetaData.key_value_metadata")
                case (6, .binary): createdBy = try reader.readString()
                case (7, .list):
                    columnOrders = try reader.readStructList(ColumnOrder.self, field: "FileMetaData.column_orders")
                default: try reader.skip(field.type)
                }
            }
            self.version = try reader.require(version, "FileMetaData.version")
            self.schema = try reader.require(schema, "FileMetaData.schema")
            self.numRows = try reader.require(numRows, "FileMetaData.num_rows")
            self.rowGroups = try reader.require(rowGroups, "FileMetaData.row_groups")
        }
    }

    /// One `key_value_metadata` entry.
    public struct KeyValue: ThriftCodable, Equatable {
        public var key: String
        public var value: String?

        public init(key: String, value: String?) {
            self.key = key
            self.value = value
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            writer.writeStringField(1, key)
            if let value { writer.writeStringField(2, value) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var key: String?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .binary): key = try reader.readString()
                case (2, .binary): value = try reader.readString()
                default: try reader.skip(field.type)
                }
            }
            self.key = try reader.require(key, "KeyValue.key")
        }
    }

    /// `ColumnOrder`, a union whose only defined member is `TYPE_ORDER` (field 1, an empty struct).
    public struct ColumnOrder: ThriftEmptyMemberUnion, Equatable {
        /// The union member's field id (1 = TYPE_ORDER).
        public var unionFieldID: Int16

        public init(unionFieldID: Int16) { self.unionFieldID = unionFieldID }

        /// Values compare by the column's type order (signed for integers, by value for doubles,
        /// unsigned byte-wise for strings).
        public static let typeDefined = ColumnOrder(unionFieldID: 1)
    }
}

/// A Thrift union whose members this library treats as empty structs: only the
/// member's field id is kept; a member's content is skipped when read.
public protocol ThriftEmptyMemberUnion: ThriftCodable {
    var unionFieldID: Int16 { get }
    init(unionFieldID: Int16)
}

extension ThriftEmptyMemberUnion {
    public func writeFields(to writer: inout ThriftCompactWriter) {
        writer.writeStructField(unionFieldID) { _ in }
    }

    public init(fields reader: inout ThriftCompactReader) throws {
        var member: Int16?
        while let field = try reader.readFieldHeader() {
            if member == nil { member = field.id }
            try reader.skip(field.type)
        }
        self.init(unionFieldID: try reader.require(member, "\(Self.self) member"))
    }
}
