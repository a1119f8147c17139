extension ParquetFormat {
    /// One node of the flattened schema tree (`SchemaElement`).
    public struct SchemaElement: ThriftCodable, Equatable {
        /// Absent on the root (group) element.
        public var type: PhysicalType?
        public var typeLength: Int32?
        /// Absent on the root element.
        public var repetitionType: Repetition?
        public var name: String
        /// Set on the root (group) element only.
        public var numChildren: Int32?
        public var convertedType: ConvertedType?
        public var logicalType: LogicalType?

        public init(
            type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: Repetition? = nil, name: String,
            numChildren: Int32? = nil, convertedType: ConvertedType? = nil, logicalType: LogicalType? = nil
        ) {
            self.type = type
            self.typeLength = typeLength
            self.repetitionType = repetitionType
            self.name = name
            self.numChildren = numChildren
            self.convertedType = convertedType
            self.logicalType = logicalType
        }

        public func writeFields(to writer: inout ThriftCompactWriter) {
            if let type { writer.writeI32Field(1, type.rawValue) }
            if let typeLength { writer.writeI32Field(2, typeLength) }
            if let repetitionType { writer.writeI32Field(3, repetitionType.rawValue) }
            writer.writeStringField(4, name)
            if let numChildren { writer.writeI32Field(5, numChildren) }
            if let convertedType { writer.writeI32Field(6, convertedType.rawValue) }
            if let logicalType { writer.writeStructField(10, logicalType) }
        }

        public init(fields reader: inout ThriftCompactReader) throws {
            var name: String?
            while let field = try reader.readFieldHeader() {
                switch (field.id, field.type) {
                case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
                case (2, .i32): typeLength = try reader.readI32()
                case (3, .i32): repetitionType = Repetition(rawValue: try reader.readI32())
                case (4, .binary): name = try reader.readString()
                case (5, .i32): numChildren = try reader.readI32()
                case (6, .i32): convertedType = ConvertedType(rawValue: try reader.readI32())
                case (10, .struct): logicalType = try LogicalType(from: &reader)
                default: try reader.skip(field.type)
                }
            }
            self.name = try reader.require(name, "SchemaElement.name")
        }
    }

    /// `LogicalType`, a union. Only members without parameters are written (STRING);
    /// other members are read back by field id with their content skipped.
    public struct LogicalType: ThriftEmptyMemberUnion, Equatable {
        /// The union member's field id (1 = STRING).
        public var unionFieldID: Int16

        public init(unionFieldID: Int16) { self.unionFieldID = unionFieldID }

        public static let string = LogicalType(unionFieldID: 1)
    }
}
