import ParquetKit

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
        /// The rows. A text key column the kernel built is held as its distinct texts plus an index per row (what
        /// the Parquet writer takes); its `[String?]` is spelled out on the first read and kept.
        public var values: Values {
            get {
                switch storage {
                case .values(let values): return values
                case .dictionary(let column): return .string(column.strings)
                }
            }
            set { storage = .values(newValue) }
        }
        /// Number of rows, without spelling out text.
        public var count: Int {
            switch storage {
            case .values(let values): return values.count
            case .dictionary(let column): return column.count
            }
        }
        var storage: Storage

        enum Storage: Sendable {
            case values(Values)
            case dictionary(TextColumn)
        }

        public init(name: String, values: Values) {
            self.name = name
            storage = .values(values)
        }

        init(name: String, dictionary: ParquetStringDictionary) {
            self.name = name
            storage = .dictionary(TextColumn(dictionary))
        }

        public static func == (lhs: Column, rhs: Column) -> Bool { lhs.name == rhs.name && lhs.values == rhs.values }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(values)
        }
    }

    public var columns: [Column]

    public init(columns: [Column]) { self.columns = columns }

    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The column named `name` (exact match).
    public subscript(name: String) -> Column? { columns.first { $0.name == name } }
}
