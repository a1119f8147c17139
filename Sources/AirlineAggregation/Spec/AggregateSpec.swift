/// What to compute: group keys, aggregates, optional filters, built with a result builder or parsed from SQL.
///
/// ```swift
/// let spec = AggregateSpec {
///     GroupBy("Year", "Month", "DayOfMonth")        // header says DayofMonth: matched case-insensitively
///     Average("ArrDelay", as: "avg_ArrDelay")
///     Average("DepDelay", as: "avg_DepDelay")
/// }
/// let same = try AggregateSpec(sql: """
///     SELECT Year, Month, DayOfMonth, avg(ArrDelay) AS avg_ArrDelay, avg(DepDelay) AS avg_DepDelay
///     FROM airlines GROUP BY Year, Month, DayOfMonth
///     """)
/// ```
/// Output rows are always ordered by the group keys (ascending, nulls first), so results are deterministic.
public struct AggregateSpec: Sendable, Hashable {
    /// Group key columns (INT32 in the output), in output order, spelled as the query spells them.
    public var keys: [GroupKey]
    /// Aggregates, in output order after the keys.
    public var aggregates: [AggregateExpression]
    /// Row filters, all of which must hold (each may combine comparisons with AND/OR).
    public var filters: [Condition]
    /// The output column order when the SQL SELECT list interleaves keys and aggregates (nil: keys first).
    public var outputOrder: [OutputColumn]?
    /// Sort order of the output rows: output columns, most significant first. Keys not listed follow in key order,
    /// ascending. Nulls sort as the smallest values unless a key says otherwise.
    public var sortKeys: [SortKey]
    /// At most this many rows after sorting and ``offset`` (SQL `LIMIT`); nil for all.
    public var limit: Int?
    /// Rows skipped after sorting (SQL `OFFSET`).
    public var offset: Int = 0
    /// A filter on the groups (SQL `HAVING`): its predicates name output columns (key output names or aggregate
    /// output names, including aggregates that are computed for it but not in ``outputOrder``).
    public var having: Condition?
    /// Columns computed from keys and aggregates (SQL arithmetic in the select list), placed by ``outputOrder``.
    public var computed: [ComputedColumn] = []

    /// A group key: the input column and its output name.
    public struct GroupKey: Sendable, Hashable {
        public var column: String
        public var outputName: String
        public init(_ column: String, as outputName: String? = nil) {
            self.column = column
            self.outputName = outputName ?? column
        }
    }

    /// One ORDER BY entry: which output column, which direction, where nulls go.
    public struct SortKey: Sendable, Hashable {
        public var column: OutputColumn
        public var descending: Bool
        /// `NULLS FIRST` (true) or `NULLS LAST` (false); nil: nulls are the smallest values (first ascending, last
        /// descending).
        public var nullsFirst: Bool?

        public init(_ column: OutputColumn, descending: Bool = false, nullsFirst: Bool? = nil) {
            self.column = column
            self.descending = descending
            self.nullsFirst = nullsFirst
        }

        /// Sorts by the group key at `keyIndex`.
        public init(keyIndex: Int, descending: Bool = false) {
            self.init(.key(keyIndex), descending: descending)
        }

        /// Where nulls go, resolved.
        var nullsSortFirst: Bool { nullsFirst ?? !descending }
    }

    /// A column of the result: the i-th key or the i-th aggregate.
    public enum OutputColumn: Sendable, Hashable {
        case key(Int)
        case aggregate(Int)
        /// The i-th entry of ``computed``.
        case computed(Int)
    }

    public init(
        keys: [GroupKey] = [], aggregates: [AggregateExpression] = [], filters: [Condition] = [],
        outputOrder: [OutputColumn]? = nil, sortKeys: [SortKey] = []
    ) {
        self.keys = keys
        self.sortKeys = sortKeys
        self.aggregates = aggregates
        self.filters = filters
        self.outputOrder = outputOrder
    }

    /// Builds a spec from components (``GroupBy``, ``Average``, ``Sum``, ``Count``, ``CountAll``, ``Min``, ``Max``,
    /// ``Where``).
    public init(@AggregateSpecBuilder _ components: () -> [any AggregateSpecComponent]) {
        self.init()
        for component in components() { component.apply(to: &self) }
    }

    /// The result's columns in order.
    public var resolvedOutputOrder: [OutputColumn] {
        outputOrder ?? (keys.indices.map { .key($0) } + aggregates.indices.map { .aggregate($0) })
    }

    /// Output column names in order.
    public var outputNames: [String] {
        resolvedOutputOrder.map {
            switch $0 {
            case .key(let index): return keys[index].outputName
            case .aggregate(let index): return aggregates[index].outputName
            case .computed(let index): return computed[index].outputName
            }
        }
    }

    /// Every input column the query reads, in first-use order.
    public var inputColumns: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        let all = keys.map(\.column) + aggregates.compactMap(\.column) + filters.flatMap(\.columns)
        for name in all where seen.insert(name.lowercased()).inserted { result.append(name) }
        return result
    }

    /// Rejects specs that cannot produce a well-formed table (no aggregates and no keys, duplicate output names).
    func validate() throws {
        guard !keys.isEmpty || !aggregates.isEmpty else {
            throw AggregationError(.invalidQuery, message: "the query selects no keys and no aggregates")
        }
        var names: Set<String> = []
        for name in outputNames where !names.insert(name.lowercased()).inserted {
            throw AggregationError(.invalidQuery, message: "output column \"\(name)\" appears twice")
        }
        for sortKey in sortKeys {
            switch sortKey.column {
            case .key(let index) where !keys.indices.contains(index),
                .aggregate(let index) where !aggregates.indices.contains(index),
                .computed(let index) where !computed.indices.contains(index):
                throw AggregationError(.invalidQuery, message: "sort column \(sortKey.column) is not in the output")
            default: break
            }
        }
        if let having, having.containsComparison {
            throw AggregationError(
                .invalidQuery, message: "HAVING compares output columns with literals; expressions are for WHERE")
        }
        if let limit, limit < 0 { throw AggregationError(.invalidQuery, message: "LIMIT \(limit) is negative") }
        if offset < 0 { throw AggregationError(.invalidQuery, message: "OFFSET \(offset) is negative") }
        for aggregate in aggregates where aggregate.function != .countAll && aggregate.column == nil {
            throw AggregationError(.invalidQuery, message: "\(aggregate.function.rawValue) needs a column")
        }
    }
}
