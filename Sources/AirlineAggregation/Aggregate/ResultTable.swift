/// The aggregation result: named, typed, nullable columns of equal length, ordered by the group keys.
public struct ResultTable: Sendable, Hashable {
    /// One output column.
    public struct Column: Sendable, Hashable {
        /// Column values; the physical type follows Spark's output for the query.
        public enum Values: Sendable, Hashable {
            case int32([Int32?])
            case int64([Int64?])
            case double([Double?])
            /// Text group keys (UTF-8; written as Parquet BYTE_ARRAY with the STRING logical type).
            case string([String?])

            public var count: Int {
                switch self {
                case .int32(let values): return values.count
                case .int64(let values): return values.count
                case .double(let values): return values.count
                case .string(let values): return values.count
                }
            }
        }

        public var name: String
        public var values: Values

        public init(name: String, values: Values) {
            self.name = name
            self.values = values
        }
    }

    public var columns: [Column]

    public init(columns: [Column]) { self.columns = columns }

    public var rowCount: Int { columns.first?.values.count ?? 0 }

    /// The column named `name` (exact match).
    public subscript(name: String) -> Column? { columns.first { $0.name == name } }
}
