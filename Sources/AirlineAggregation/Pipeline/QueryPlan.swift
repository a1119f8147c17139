/// A spec resolved against a header: which physical fields to decode, into which slots, for which roles.
///
/// Fields past the last projected one are only counted (for the field-count check), never decoded.
struct QueryPlan: Sendable {
    /// How a projected field is decoded.
    struct Slot: Sendable {
        var field: Int
        var name: String
        /// Parse as a number (keys, sum/avg/min/max inputs, numeric filters); otherwise only the null check.
        var numeric: Bool
        var isKey: Bool
        /// A key whose field may be text: not also a numeric aggregate input or numeric filter (those need numbers).
        var textKey: Bool { isKey && !numericValue }
        /// Read as a number by an aggregate (sum/avg/min/max) or a numeric filter.
        var numericValue = false
        /// Indexes into ``textFilters`` evaluated on this field's bytes.
        var textFilters: [Int]
        /// The input of a `min`/`max`: its values' spellings are tracked too, for a column that turns out text.
        var minMaxInput = false
        /// The input of a `count(DISTINCT …)`.
        var distinctInput = false
        /// Values may be text (not a number) without an error: only min/max/count(DISTINCT) read them as values.
        var allowsText: Bool { (minMaxInput || distinctInput) && !numericValue }
        /// Each value's spelling is compared for a text min/max.
        var tracksSpelling: Bool { minMaxInput && allowsText }
    }

    var fieldCount: Int
    var header: [String]
    /// Physical field index → slot index, or -1; covers fields `0..<projectedLimit`.
    var slotOfField: [Int32]
    var slots: [Slot]
    var keySlots: [Int]
    /// Distinct aggregated input columns (one statistics block each) → slot.
    var valueSlots: [Int]
    /// Per aggregate, its value column (nil for count(*) and count(DISTINCT …)).
    var valueOfAggregate: [Int?]
    /// Value columns whose spellings are tracked for a text min/max (see ``Slot/tracksSpelling``), in order; the
    /// i-th one's text state is the table's text column i.
    var textValueColumns: [Int] = []
    /// Distinct input columns (one distinct set each) → slot.
    var distinctSlots: [Int] = []
    /// Per aggregate, its distinct set (count(DISTINCT …) only).
    var distinctOfAggregate: [Int?] = []
    var numericFilters: [(slot: Int, predicate: Predicate)]
    /// Comparisons with a text literal; `number` is the literal read as a number (`.invalid` when it is not one).
    var textFilters: [(predicate: Predicate, bytes: [UInt8], number: ParsedNumber)]
    /// The WHERE tree when it uses OR; nil when every filter is a plain comparison and all are ANDed, the fast path
    /// on which a failing text comparison rejects the row at once.
    var filterTree: FilterNode?
    /// WHERE comparisons of expressions, their leaves resolved to slots.
    var expressionFilters: [(left: ScalarExpression<Int>, op: Predicate.Operator, right: ScalarExpression<Int>)] = []

    /// A compiled WHERE condition: leaves index ``textFilters`` and ``numericFilters``.
    indirect enum FilterNode: Sendable {
        case text(Int)
        case numeric(Int)
        /// An index into ``expressionFilters``.
        case expression(Int)
        case all([FilterNode])
        case any([FilterNode])
    }
    var nullTokens: [[UInt8]]
    var emptyIsNull: Bool
    var delimiter: UInt8
    var quote: UInt8
    var skipMalformed: Bool

    var projectedLimit: Int { slotOfField.count }

    init(spec: AggregateSpec, header: [String], dialect: CSVDialect, skipMalformed: Bool, file: String?) throws {
        self.header = header
        fieldCount = header.count
        slots = []
        keySlots = []
        valueSlots = []
        valueOfAggregate = []
        numericFilters = []
        textFilters = []
        nullTokens = dialect.nullTokenBytes.filter { !$0.isEmpty }
        emptyIsNull = dialect.nullTokens.contains("")
        delimiter = dialect.delimiter
        quote = dialect.quote
        self.skipMalformed = skipMalformed
        slotOfField = []
        var slots: [Slot] = []
        var slotByField: [Int: Int] = [:]
        let header = header
        func slot(for column: String) throws -> Int {
            guard let field = Self.resolve(column, in: header) else {
                throw AggregationError(
                    .unknownColumn, file: file, line: 1, column: column,
                    message: "column \"\(column)\" is not in the header; available columns: "
                        + header.joined(separator: ", "))
            }
            if let existing = slotByField[field] { return existing }
            slots.append(Slot(field: field, name: header[field], numeric: false, isKey: false, textFilters: []))
            slotByField[field] = slots.count - 1
            return slots.count - 1
        }
        for key in spec.keys {
            let index = try slot(for: key.column)
            slots[index].numeric = true
            slots[index].isKey = true
            keySlots.append(index)
        }
        var valueBySlot: [Int: Int] = [:]
        var distinctBySlot: [Int: Int] = [:]
        for aggregate in spec.aggregates {
            guard let column = aggregate.column, aggregate.function != .countAll else {
                valueOfAggregate.append(nil)
                distinctOfAggregate.append(nil)
                continue
            }
            let index = try slot(for: column)
            if aggregate.function == .countDistinct {
                // Numbers are parsed (so `1` and `1.0` are one value); anything else is interned as text.
                slots[index].numeric = true
                slots[index].distinctInput = true
                if distinctBySlot[index] == nil {
                    distinctSlots.append(index)
                    distinctBySlot[index] = distinctSlots.count - 1
                }
                valueOfAggregate.append(nil)
                distinctOfAggregate.append(distinctBySlot[index])
                continue
            }
            distinctOfAggregate.append(nil)
            switch aggregate.function {
            case .min, .max:
                slots[index].numeric = true
                slots[index].minMaxInput = true
            case .sum, .average:
                slots[index].numeric = true
                slots[index].numericValue = true
            default: break
            }
            if let value = valueBySlot[index] {
                valueOfAggregate.append(value)
            } else {
                valueSlots.append(index)
                valueBySlot[index] = valueSlots.count - 1
                valueOfAggregate.append(valueSlots.count - 1)
            }
        }
        var textFilters: [(predicate: Predicate, bytes: [UInt8], number: ParsedNumber)] = []
        var numericFilters: [(slot: Int, predicate: Predicate)] = []
        func compile(_ condition: Condition) throws -> FilterNode {
            switch condition {
            case .all(let conditions): return .all(try conditions.map(compile))
            case .any(let conditions): return .any(try conditions.map(compile))
            case .not(let condition): return try compile(Condition.not(condition).withoutNot)
            case .comparison(let comparison):
                let resolve = { (column: String) throws -> Int in
                    let index = try slot(for: column)
                    slots[index].numeric = true
                    slots[index].numericValue = true
                    return index
                }
                expressionFilters.append(
                    (try comparison.left.mapLeaves(resolve), comparison.op, try comparison.right.mapLeaves(resolve)))
                return .expression(expressionFilters.count - 1)
            case .predicate(let predicate):
                let index = try slot(for: predicate.column)
                let byBytes = !predicate.isOrdering
                if byBytes, case .integer(let value) = predicate.literal {
                    throw AggregationError(.invalidQuery, message: "\(predicate.op.rawValue) \(value) needs text")
                }
                if case .text(let text) = predicate.literal {
                    let bytes = Array(text.utf8)
                    let number =
                        byBytes
                        ? ParsedNumber.invalid
                        : bytes.withUnsafeBufferPointer { buffer in
                            buffer.isEmpty
                                ? ParsedNumber.invalid : NumberParser.parse(buffer.baseAddress!, count: buffer.count)
                        }
                    textFilters.append((predicate, bytes, number))
                    slots[index].textFilters.append(textFilters.count - 1)
                    return .text(textFilters.count - 1)
                }
                slots[index].numeric = true
                slots[index].numericValue = true
                numericFilters.append((index, predicate))
                return .numeric(numericFilters.count - 1)
            }
        }
        let filters = spec.filters.map(\.withoutNot)
        let tree = FilterNode.all(try filters.map(compile))
        let plain = filters.allSatisfy { if case .predicate = $0 { return true } else { return false } }
        filterTree = plain ? nil : tree
        self.textFilters = textFilters
        self.numericFilters = numericFilters
        self.slots = slots
        textValueColumns = valueSlots.indices.filter { slots[valueSlots[$0]].tracksSpelling }
        guard distinctSlots.count <= DistinctSet.maximumSets else {
            throw AggregationError(
                .invalidQuery,
                message: "count(DISTINCT …) over \(distinctSlots.count) columns; at most "
                    + "\(DistinctSet.maximumSets) per query")
        }
        let limit = (slots.map(\.field).max() ?? -1) + 1
        var table = [Int32](repeating: -1, count: limit)
        for (index, slot) in slots.enumerated() { table[slot.field] = Int32(index) }
        slotOfField = table
    }

    /// Exact match first, then the first case-insensitive match (Spark's default resolution).
    static func resolve(_ column: String, in header: [String]) -> Int? {
        if let exact = header.firstIndex(of: column) { return exact }
        let lowered = column.lowercased()
        return header.firstIndex { $0.lowercased() == lowered }
    }
}
