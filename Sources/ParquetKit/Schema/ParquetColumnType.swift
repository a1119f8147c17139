/// The column types this library writes: the physical type plus, for strings,
/// the UTF8 / STRING annotation readers need to show text instead of bytes.
public enum ParquetColumnType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// INT32, signed.
    case int32
    /// INT64, signed.
    case int64
    /// DOUBLE, IEEE-754.
    case double
    /// BYTE_ARRAY annotated UTF8 / STRING.
    case string

    /// The physical type stored in the file.
    public var physicalType: ParquetFormat.PhysicalType {
        switch self {
        case .int32: .int32
        case .int64: .int64
        case .double: .double
        case .string: .byteArray
        }
    }

    public var description: String { rawValue }
}

/// Whether a column may hold nulls. OPTIONAL columns carry definition levels
/// (max level 1); REQUIRED ones reject nulls.
public enum ParquetRepetition: String, Sendable, Hashable, CaseIterable {
    case required
    case optional

    var format: ParquetFormat.Repetition { self == .required ? .required : .optional }
}

/// One flat column of a ``ParquetSchema``.
public struct ParquetColumn: Sendable, Hashable {
    public var name: String
    public var type: ParquetColumnType
    public var repetition: ParquetRepetition

    /// ```swift
    /// ParquetColumn("avg_ArrDelay", .double)              // OPTIONAL by default
    /// ParquetColumn("Year", .int32, .required)
    /// ```
    public init(_ name: String, _ type: ParquetColumnType, _ repetition: ParquetRepetition = .optional) {
        self.name = name
        self.type = type
        self.repetition = repetition
    }

    /// The leaf `SchemaElement` written to the footer.
    var schemaElement: ParquetFormat.SchemaElement {
        ParquetFormat.SchemaElement(
            type: type.physicalType, repetitionType: repetition.format, name: name,
            convertedType: type == .string ? .utf8 : nil, logicalType: type == .string ? .string : nil)
    }
}
