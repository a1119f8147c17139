/// The values of one column, nulls as `nil`.
///
/// ```swift
/// let delays: ParquetColumnValues = .double([1.5, nil, -3.25])
/// ```
public enum ParquetColumnValues: Sendable {
    case int32([Int32?])
    case int64([Int64?])
    case double([Double?])
    case string([String?])
    /// A text column as distinct texts plus one index per row (written like ``string(_:)``, without a `String`
    /// per row); see ``ParquetStringDictionary``.
    case dictionaryString(ParquetStringDictionary)

    /// The column type these values fit.
    public var type: ParquetColumnType {
        switch self {
        case .int32: .int32
        case .int64: .int64
        case .double: .double
        case .string, .dictionaryString: .string
        }
    }

    /// Number of rows, nulls included.
    public var count: Int {
        switch self {
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .double(let values): values.count
        case .string(let values): values.count
        case .dictionaryString(let column): column.count
        }
    }

    /// Number of nulls.
    public var nullCount: Int {
        switch self {
        case .int32(let values): values.count { $0 == nil }
        case .int64(let values): values.count { $0 == nil }
        case .double(let values): values.count { $0 == nil }
        case .string(let values): values.count { $0 == nil }
        case .dictionaryString(let column): column.indices.count { $0 == ParquetStringDictionary.nullIndex }
        }
    }
}

extension ParquetColumnValues: Equatable {
    /// Equal when the types match and every row is equal; doubles compare by bit
    /// pattern, so NaN equals NaN and `-0.0` differs from `+0.0` (what a round trip must keep).
    public static func == (lhs: ParquetColumnValues, rhs: ParquetColumnValues) -> Bool {
        switch (lhs, rhs) {
        case (.int32(let a), .int32(let b)): a == b
        case (.int64(let a), .int64(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.dictionaryString(let a), .dictionaryString(let b)): a == b
        case (.dictionaryString(let a), .string(let b)), (.string(let b), .dictionaryString(let a)): a.strings == b
        case (.double(let a), .double(let b)): a.map { $0?.bitPattern } == b.map { $0?.bitPattern }
        default: false
        }
    }
}
