import ParquetKit

/// Turns merged statistics into the result table: sorts groups by key and computes each aggregate.
///
/// ``table(spec:plan:groups:threads:)`` consumes the group table: it frees what it has read (see
/// ``GroupTable/releaseIndex()`` and ``GroupTable/releaseValues()``), so a result of millions of groups is not built
/// beside the whole table. Each column is built on up to `threads` threads (see ``ResultRows``).
enum Finalizer {
    static func table(spec: AggregateSpec, plan: QueryPlan, groups: GroupTable, threads: Int = 1) throws
        -> ResultTable
    {
        if spec.keys.isEmpty && groups.groupCount == 0 {
            // A global aggregate over no rows still yields one row (count 0, other aggregates null): SQL's answer
            // for an aggregate without GROUP BY, so the group with no keys is created here with no rows in it.
            var noKeys: Int64 = 0
            _ = groups.group(for: &noKeys)
        }
        let aggregatesFollowOrder =
            spec.having == nil && spec.computed.isEmpty
            && spec.sortKeys.allSatisfy { if case .key = $0.column { return true } else { return false } }
        var rows: ResultRows
        var aggregateColumns: [ResultTable.Column]
        var computedColumns: [ResultTable.Column.Values] = []
        if aggregatesFollowOrder {
            // The order depends on keys only: rows are sorted and cut first, and each aggregate is computed once,
            // in output order (no column in group order and its permuted copy side by side). The hash index, and
            // once the aggregates are columns the group values, are not needed any more: they are freed for the key
            // columns (the table is consumed).
            groups.releaseIndex()
            rows = resultRows(cut(sortedGroups(spec: spec, groups: groups, aggregates: []), spec), threads: threads)
            aggregateColumns = aggregates(spec: spec, plan: plan, groups: groups, rows: rows)
            groups.releaseValues()
        } else {
            // Aggregates are computed in group order first, so ORDER BY and HAVING can use them; then rows are
            // sorted, filtered, cut by OFFSET/LIMIT, and every column is taken in that order.
            let identity = ResultRows(identity: groups.groupCount, threads: threads)
            aggregateColumns = aggregates(spec: spec, plan: plan, groups: groups, rows: identity)
            let computed = try spec.computed.map {
                try Arithmetic(groups: groups, aggregates: aggregateColumns).column($0.expression)
            }
            var order = sortedGroups(spec: spec, groups: groups, aggregates: aggregateColumns, computed: computed)
            if let having = spec.having {
                let test = HavingFilter(spec: spec, groups: groups, aggregates: aggregateColumns, computed: computed)
                let condition = having.withoutNot
                order = order.filter { test.passes(condition, group: $0) }
            }
            rows = resultRows(cut(order, spec), threads: threads)
            aggregateColumns = aggregateColumns.map { .init(name: $0.name, values: $0.values.permuted(rows)) }
            computedColumns = computed.map { $0.permuted(rows) }
        }
        var keyColumns: [ResultTable.Column] = []
        // Each text as a String once, not once per group (millions of groups share thousands of keys).
        var strings: [String] = []
        let textPositions = spec.keys.indices.filter { position in
            (0..<groups.groupCount).contains { GroupTable.isText(groups.key(position, of: $0)) }
        }
        var textIndices = textIndices(textPositions, rows: rows, groups: groups)
        for (position, key) in spec.keys.enumerated() {
            if let candidate = textIndices.removeValue(forKey: position) {
                if strings.count != groups.texts.count {
                    strings = (0..<groups.texts.count).map { groups.texts.string($0) }
                }
                if let column = candidate {
                    // Only text: the pool's ids are the rows' dictionary indices, no String per row.
                    let dictionary = try ParquetStringDictionary(dictionary: strings, indices: column)
                    keyColumns.append(.init(name: key.outputName, dictionary: dictionary))
                    continue
                }
                // A key column with any value that is not an INT32 integer is text; its numbers are spelled in
                // decimal.
                let texts = strings
                let values: [String?] = rows.column { group in
                    let value = groups.key(position, of: group)
                    if value == GroupTable.nullKey { return nil }
                    if GroupTable.isText(value) { return texts[Int(value - GroupTable.textBase)] }
                    return String(value)
                }
                keyColumns.append(.init(name: key.outputName, values: .string(values)))
            } else {
                let values = rows.column(GroupReaders.IntegerKey(groups: groups, position: position))
                keyColumns.append(.init(name: key.outputName, values: .int32(values)))
            }
        }
        let columns = spec.resolvedOutputOrder.map { output -> ResultTable.Column in
            switch output {
            case .key(let index): return keyColumns[index]
            case .aggregate(let index): return aggregateColumns[index]
            case .computed(let index):
                return .init(name: spec.computed[index].outputName, values: computedColumns[index])
            }
        }
        return ResultTable(columns: columns)
    }

    /// The rows of `order`; none (group order) when `order` is the identity, so the columns are read in sequence.
    static func resultRows(_ order: [Int], threads: Int) -> ResultRows {
        order.indices.elementsEqual(order)
            ? ResultRows(identity: order.count, threads: threads) : ResultRows(order: order, threads: threads)
    }

    /// The text pool ids of the keys at `positions` in `rows` (nulls as ``ParquetStringDictionary/nullIndex``), by
    /// position; `nil` for a key with a value that is a number.
    private static func textIndices(_ positions: [Int], rows: ResultRows, groups: GroupTable) -> [Int: [Int32]?] {
        let columns = rows.columns(GroupReaders.TextKeys(groups: groups, positions: positions))
        var indices: [Int: [Int32]?] = [:]
        for (position, column) in zip(positions, columns) {
            indices.updateValue(column.contains(GroupReaders.TextKey.notText) ? nil : column, forKey: position)
        }
        return indices
    }

    /// `order` after OFFSET and LIMIT.
    private static func cut(_ order: [Int], _ spec: AggregateSpec) -> [Int] {
        guard spec.offset > 0 || spec.limit != nil else { return order }
        return Array(order.dropFirst(spec.offset).prefix(spec.limit ?? .max))
    }

    /// Every aggregate's column, for the groups in `rows`.
    private static func aggregates(spec: AggregateSpec, plan: QueryPlan, groups: GroupTable, rows: ResultRows)
        -> [ResultTable.Column]
    {
        spec.aggregates.enumerated().map { index, aggregate in
            if let set = plan.distinctOfAggregate[index] {
                return .init(
                    name: aggregate.outputName,
                    values: .int64(rows.column(GroupReaders.DistinctCount(groups: groups, set: set))))
            }
            let value = plan.valueOfAggregate[index]
            let text = value.flatMap { plan.textValueColumns.firstIndex(of: $0) }
            return column(aggregate, value: value, text: text, rows: rows, groups: groups)
        }
    }

    private static func column(
        _ aggregate: AggregateExpression, value: Int?, text: Int?, rows: ResultRows, groups: GroupTable
    ) -> ResultTable.Column {
        let name = aggregate.outputName
        guard let value else {
            return .init(name: name, values: .int64(rows.column(GroupReaders.RowCount(groups: groups))))
        }
        // Statistics are read per group as each column is built: an array of them first (80 bytes a group) was
        // the largest allocation of a query with millions of groups.
        let stats = { @Sendable (group: Int) in groups.statistics(group: group, value: value) }
        if let text {
            switch aggregate.function {
            case .count:
                return .init(
                    name: name,
                    values: .int64(
                        rows.column(GroupReaders.Integer(groups: groups, column: value, kind: .countWithText(text)))))
            case .min, .max:
                // Any value that is not a number makes the column text: every value compares by its spelling.
                let anyText = (0..<rows.count).contains {
                    groups.extremes(group: rows.group($0), text: text).textCount > 0
                }
                guard anyText else { break }
                let function = aggregate.function
                let values = rows.column { group -> String? in
                    let state = groups.extremes(group: group, text: text)
                    let id = function == .min ? state.minimum : state.maximum
                    return id < 0 ? nil : groups.texts.string(Int(id))
                }
                return .init(name: name, values: .string(values))
            default: break
            }
        }
        // A sum is DOUBLE once any value has a fraction or any group's final sum is outside Int64; min and max only
        // when a value has a fraction (they cannot overflow, so integers up to Int64.max stay exact). Each is a
        // pass over every group, so only the functions whose type depends on it look.
        func anyFraction() -> Bool { (0..<groups.groupCount).contains { stats($0).totals.doubleCount > 0 } }
        func anyDouble() -> Bool {
            anyFraction() || (0..<groups.groupCount).contains { stats($0).totals.sumCarry != 0 }
        }
        func integers(_ kind: GroupReaders.Integer.Kind) -> ResultTable.Column {
            .init(
                name: name, values: .int64(rows.column(GroupReaders.Integer(groups: groups, column: value, kind: kind)))
            )
        }
        func reals(_ kind: GroupReaders.Real.Kind) -> ResultTable.Column {
            .init(
                name: name, values: .double(rows.column(GroupReaders.Real(groups: groups, column: value, kind: kind))))
        }
        switch aggregate.function {
        case .average: return reals(.average)
        case .count, .countAll, .countDistinct: return integers(.count)
        case .sum: return anyDouble() ? reals(.sum) : integers(.sum)
        case .min: return anyFraction() ? reals(.minimum) : integers(.minimum)
        case .max: return anyFraction() ? reals(.maximum) : integers(.maximum)
        }
    }

    /// Group indexes in output order: the ORDER BY columns first, then the remaining keys ascending.
    static func sortedGroups(
        spec: AggregateSpec, groups: GroupTable, aggregates: [ResultTable.Column],
        computed: [ResultTable.Column.Values] = []
    ) -> [Int] {
        // A folded table knows its key order already (the fold sorted by it).
        if spec.sortKeys.isEmpty, let order = groups.keyOrder, order.count == groups.groupCount { return order }
        var sortKeys = spec.sortKeys
        for index in spec.keys.indices where !sortKeys.contains(where: { $0.column == .key(index) }) {
            sortKeys.append(.init(keyIndex: index))
        }
        let ranks = SortCodes.textRanks(groups.texts)
        let keyOnly = sortKeys.allSatisfy { if case .key = $0.column { return true } else { return false } }
        if keyOnly {
            // The usual case (no ORDER BY, or one over keys only): integer codes compared in place, no closures;
            // at millions of text-keyed groups this sort was the finalisation's largest cost.
            let keys = sortKeys.map { sortKey -> (Int, Bool, Bool) in
                guard case .key(let index) = sortKey.column else { preconditionFailure("key-only sort") }
                return (index, sortKey.descending, sortKey.nullsSortFirst)
            }
            if let order = PackedKeySort.order(groups, ranks: ranks, by: keys) { return order }
            return SortCodes(groups, ranks: ranks).sorted(by: keys)
        }
        let codes = SortCodes(groups, ranks: ranks)
        let orderings = sortKeys.map { sortKey -> (Int, Int) -> Int in
            switch sortKey.column {
            case .key(let index): return codes.ordering(index, sortKey)
            case .aggregate(let index): return aggregates[index].values.ordering(sortKey)
            case .computed(let index): return computed[index].ordering(sortKey)
            }
        }
        return (0..<groups.groupCount).sorted { left, right in
            for ordering in orderings {
                let result = ordering(left, right)
                if result != 0 { return result < 0 }
            }
            return false
        }
    }
}

/// Key-only orders whose codes fit one 64-bit word together (a text key takes the bits of its rank, a null one more
/// value): each group's codes packed into a `UInt64`, sorted by LSD radix sort, 11 bits a pass. Against a
/// comparison sort of per-key codes this touches each group's keys once and sorts 12-byte pairs without comparisons.
enum PackedKeySort {
    static let digitBits = 11

    /// Group indexes in the order of `keys` (key index, descending, nulls first), or nil when the codes do not fit.
    static func order(_ groups: GroupTable, ranks: [Int64], by keys: [(Int, Bool, Bool)]) -> [Int]? {
        sorted(groups, ranks: ranks, by: keys)?.order
    }

    /// Group indexes in the order of `keys`, and each group's packed code in that order (equal codes: equal keys),
    /// or nil when the codes do not fit.
    static func sorted(_ groups: GroupTable, ranks: [Int64], by keys: [(Int, Bool, Bool)]) -> (
        order: [Int], codes: [UInt64]
    )? {
        let count = groups.groupCount
        if count <= 1 { return (Array(0..<count), [UInt64](repeating: 0, count: count)) }
        guard count < Int(UInt32.max) else { return nil }
        // Directed codes: a text key by its rank, descending keys negated (codes are within ±2^42). The per-key
        // arrays are read and written through pointers: array writes in these loops (millions of groups times
        // keys) checked uniqueness each time.
        let width = keys.count
        let indexes = UnsafeMutableBufferPointer<Int>.allocate(capacity: width)
        let negated = UnsafeMutableBufferPointer<Bool>.allocate(capacity: width)
        let minimum = UnsafeMutableBufferPointer<Int64>.allocate(capacity: width)
        let maximum = UnsafeMutableBufferPointer<Int64>.allocate(capacity: width)
        let nullValue = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: width)
        let shift = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: width)
        defer {
            indexes.deallocate()
            negated.deallocate()
            minimum.deallocate()
            maximum.deallocate()
            nullValue.deallocate()
            shift.deallocate()
        }
        for slot in 0..<width {
            indexes[slot] = keys[slot].0
            negated[slot] = keys[slot].1
            minimum[slot] = .max
            maximum[slot] = .min
        }
        @inline(__always) func code(_ key: Int64, _ slot: Int, _ rank: UnsafeBufferPointer<Int64>) -> Int64 {
            let ordered = GroupTable.isText(key) ? GroupTable.textBase + rank[Int(key - GroupTable.textBase)] : key
            return negated[slot] ? -ordered : ordered
        }
        // Per key: the smallest non-null directed code and the span above it (one pass over the groups for all
        // keys); a null takes 0 (first) or span + 2 (last).
        ranks.withUnsafeBufferPointer { rank in
            for group in 0..<count {
                for slot in 0..<width {
                    let key = groups.key(indexes[slot], of: group)
                    if key == GroupTable.nullKey { continue }
                    let value = code(key, slot, rank)
                    if value < minimum[slot] { minimum[slot] = value }
                    if value > maximum[slot] { maximum[slot] = value }
                }
            }
        }
        var totalBits = 0
        for slot in (0..<width).reversed() {
            let span = maximum[slot] >= minimum[slot] ? UInt64(maximum[slot] - minimum[slot]) : 0
            let values = span + 3  // null first (0), the values (1...span + 1), null last (span + 2)
            nullValue[slot] = keys[slot].2 ? 0 : span + 2
            shift[slot] = UInt64(totalBits)
            totalBits += 64 - values.leadingZeroBitCount
            if totalBits > 64 { return nil }
        }
        var packed = [UInt64](repeating: 0, count: count)
        ranks.withUnsafeBufferPointer { rank in
            packed.withUnsafeMutableBufferPointer { words in
                for group in 0..<count {
                    var word: UInt64 = 0
                    for slot in 0..<width {
                        let key = groups.key(indexes[slot], of: group)
                        let value =
                            key == GroupTable.nullKey
                            ? nullValue[slot] : UInt64(code(key, slot, rank) - minimum[slot]) + 1
                        word |= value << shift[slot]
                    }
                    words[group] = word
                }
            }
        }
        let order = radixSortedInHalves(&packed, bits: totalBits)
        return (order, packed)
    }

    /// Indexes of `keys` in ascending order of the values (stable), by LSD radix sort over the low `bits` bits;
    /// `keys` is left sorted.
    static func radixSorted(_ keys: inout [UInt64], bits: Int) -> [Int] {
        let count = keys.count
        var order = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = UInt32(index) }
            initialized = count
        }
        guard bits > 0, count > 1 else { return order.map { Int($0) } }
        // Passes of equal width, at most `digitBits` each (38 bits: 4 passes of 10, 1024 buckets, not 4 of 11),
        // and every pass's histogram counted in one read of the keys.
        let passes = (bits + digitBits - 1) / digitBits
        let width = (bits + passes - 1) / passes
        let buckets = 1 << width
        let mask = UInt64(buckets - 1)
        var histograms = [Int](repeating: 0, count: buckets * passes)
        keys.withUnsafeBufferPointer { keysIn in
            histograms.withUnsafeMutableBufferPointer { counts in
                for key in keysIn {
                    for pass in 0..<passes {
                        counts[pass &* buckets &+ Int(truncatingIfNeeded: (key >> UInt64(pass &* width)) & mask)] &+= 1
                    }
                }
            }
        }
        var keysOut = [UInt64](repeating: 0, count: count)
        var orderOut = [UInt32](repeating: 0, count: count)
        for pass in 0..<passes {
            let histogram = pass * buckets..<(pass + 1) * buckets
            // A digit every key shares orders nothing.
            if histograms[histogram].contains(count) { continue }
            var start = 0
            for bucket in histogram {
                let size = histograms[bucket]
                histograms[bucket] = start
                start += size
            }
            let shift = UInt64(pass * width)
            keys.withUnsafeBufferPointer { keysIn in
                order.withUnsafeBufferPointer { orderIn in
                    keysOut.withUnsafeMutableBufferPointer { keysTo in
                        orderOut.withUnsafeMutableBufferPointer { orderTo in
                            histograms.withUnsafeMutableBufferPointer { all in
                                let next = all.baseAddress! + pass * buckets
                                for position in 0..<count {
                                    let key = keysIn[position]
                                    let bucket = Int(truncatingIfNeeded: (key >> shift) & mask)
                                    let target = next[bucket]
                                    next[bucket] = target &+ 1
                                    keysTo[target] = key
                                    orderTo[target] = orderIn[position]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&order, &orderOut)
        }
        return order.map { Int($0) }
    }
}

/// Group keys as integers whose order is the key order: null lowest, then numbers, then text by its rank in byte
/// order (the pool's texts are ranked once, so no comparison touches text bytes).
struct SortCodes {
    let keyCount: Int
    let groupCount: Int
    /// `groupCount * keyCount` codes.
    let codes: [Int64]

    /// Each text's position in byte order.
    static func textRanks(_ texts: TextPool) -> [Int64] {
        var rank = [Int64](repeating: 0, count: texts.count)
        var shortKeys: [UInt64] = []
        shortKeys.reserveCapacity(texts.count)
        for id in 0..<texts.count {
            guard let key = texts.shortKey(id) else { break }
            shortKeys.append(key)
        }
        // Short texts only (codes, airports, tail numbers): a radix sort of their byte-order integers, no memcmp.
        let byBytes =
            shortKeys.count == texts.count
            ? PackedKeySort.radixSorted(&shortKeys, bits: 64)
            : (0..<texts.count).sorted { texts.compare($0, $1) < 0 }
        for (position, id) in byBytes.enumerated() { rank[id] = Int64(position) }
        return rank
    }

    init(_ groups: GroupTable, ranks rank: [Int64]) {
        keyCount = groups.keyCount
        groupCount = groups.groupCount
        var codes = [Int64](repeating: 0, count: groupCount * keyCount)
        for group in 0..<groupCount {
            for position in 0..<keyCount {
                let key = groups.key(position, of: group)
                codes[group * keyCount + position] =
                    GroupTable.isText(key) ? GroupTable.textBase + rank[Int(key - GroupTable.textBase)] : key
            }
        }
        self.codes = codes
    }

    /// A code with direction and null placement applied: ascending integer order is the wanted order.
    @inline(__always)
    private static func directed(_ code: Int64, descending: Bool, nullsFirst: Bool) -> Int64 {
        if code == GroupTable.nullKey { return nullsFirst ? .min : .max }
        return descending ? -code : code  // codes are within ±2^42
    }

    /// Groups sorted by `keys` (key index, descending, nulls first), most significant first.
    func sorted(by keys: [(Int, Bool, Bool)]) -> [Int] {
        let width = keys.count
        var directed = [Int64](repeating: 0, count: groupCount * width)
        for group in 0..<groupCount {
            for (slot, (index, descending, nullsFirst)) in keys.enumerated() {
                directed[group * width + slot] = Self.directed(
                    codes[group * keyCount + index], descending: descending, nullsFirst: nullsFirst)
            }
        }
        var order = Array(0..<groupCount)
        directed.withUnsafeBufferPointer { values in
            let base = values.baseAddress
            order.sort { left, right in
                guard let base else { return false }
                let a = base + left &* width
                let b = base + right &* width
                for slot in 0..<width where a[slot] != b[slot] { return a[slot] < b[slot] }
                return false
            }
        }
        return order
    }

    func ordering(_ index: Int, _ sortKey: AggregateSpec.SortKey) -> (Int, Int) -> Int {
        let descending = sortKey.descending
        let nullsFirst = sortKey.nullsSortFirst
        return { left, right in
            let a = Self.directed(codes[left * keyCount + index], descending: descending, nullsFirst: nullsFirst)
            let b = Self.directed(codes[right * keyCount + index], descending: descending, nullsFirst: nullsFirst)
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }
}

extension ResultTable.Column.Values {
    /// The values at the positions of `rows`' groups.
    func permuted(_ rows: ResultRows) -> Self {
        switch self {
        case .int32(let values): return .int32(rows.column(GroupReaders.Element(values: values)))
        case .int64(let values): return .int64(rows.column(GroupReaders.Element(values: values)))
        case .double(let values): return .double(rows.column(GroupReaders.Element(values: values)))
        case .string(let values): return .string(rows.column(GroupReaders.Element(values: values)))
        }
    }

    /// A three-way comparison of two rows under `sortKey` (negative: left first).
    func ordering(_ sortKey: AggregateSpec.SortKey) -> (Int, Int) -> Int {
        switch self {
        case .int32(let values): return Self.ordering(values, sortKey)
        case .int64(let values): return Self.ordering(values, sortKey)
        case .double(let values): return Self.ordering(values.map { $0.map(NaNLargestOrder.init) }, sortKey)
        case .string(let values): return Self.ordering(values.map { $0.map(UTF8Order.init) }, sortKey)
        }
    }

    private static func ordering<Value: Comparable>(_ values: [Value?], _ sortKey: AggregateSpec.SortKey)
        -> (Int, Int) -> Int
    {
        let descending = sortKey.descending
        let nullsFirst = sortKey.nullsSortFirst
        return { left, right in
            switch (values[left], values[right]) {
            case (nil, nil): return 0
            case (nil, _): return nullsFirst ? -1 : 1
            case (_, nil): return nullsFirst ? 1 : -1
            case (let a?, let b?):
                if a == b { return 0 }
                return (a < b) != descending ? -1 : 1
            }
        }
    }
}

/// Doubles with NaN above +infinity (as DuckDB and PostgreSQL sort them): `<` alone is no order once a NaN is in
/// the column (`0/0` in a computed column), and the sort would place rows at random.
private struct NaNLargestOrder: Comparable {
    var value: Double
    static func == (left: Self, right: Self) -> Bool {
        left.value == right.value || left.value.isNaN && right.value.isNaN
    }
    static func < (left: Self, right: Self) -> Bool {
        right.value.isNaN ? !left.value.isNaN : left.value < right.value
    }
}

/// Text in byte (UTF-8 code point) order, the order of text keys.
private struct UTF8Order: Comparable {
    var text: String
    static func < (left: Self, right: Self) -> Bool { left.text.utf8.lexicographicallyPrecedes(right.text.utf8) }
}

/// Evaluates a HAVING condition on one group: a comparison with a null value is not true.
private struct HavingFilter {
    let spec: AggregateSpec
    let groups: GroupTable
    let aggregates: [ResultTable.Column]
    /// The computed columns' values in group order, named by `spec.computed[i].outputName`.
    let computed: [ResultTable.Column.Values]

    func passes(_ condition: Condition, group: Int) -> Bool {
        switch condition {
        case .all(let conditions): return conditions.allSatisfy { passes($0, group: group) }
        case .any(let conditions): return conditions.contains { passes($0, group: group) }
        case .not(let condition): return passes(Condition.not(condition).withoutNot, group: group)
        case .comparison: return false  // rejected by AggregateSpec.validate(): expressions are for WHERE
        case .predicate(let predicate):
            let found = value(predicate.column, group: group)
            switch predicate.op {
            case .isNull: return found == nil
            case .isNotNull: return found != nil
            case .startsWith, .notStartsWith:
                // A number never matches a text pattern; NOT LIKE holds for every value LIKE does not (never null).
                guard let found else { return false }
                var matches = false
                if case .text(let text) = found, case .text(let prefix) = predicate.literal {
                    matches = text.utf8.starts(with: prefix.utf8)
                }
                return matches == (predicate.op == .startsWith)
            default: break
            }
            guard let value = found else { return false }
            let ordering: Int
            switch (value, predicate.literal) {
            case (.number(let number), .integer(let literal)):
                ordering = ChunkParser.compare(number, .integer(literal))
            case (.number(let number), .double(let literal)):
                ordering = ChunkParser.compare(number, .double(literal))
            case (.number(let number), .text(let literal)):
                let parsed = Array(literal.utf8).withUnsafeBufferPointer {
                    $0.isEmpty ? ParsedNumber.invalid : NumberParser.parse($0.baseAddress!, count: $0.count)
                }
                guard parsed != .invalid else { return false }
                ordering = ChunkParser.compare(number, parsed)
            case (.text(let text), .text(let literal)):
                ordering =
                    text.utf8.elementsEqual(literal.utf8)
                    ? 0
                    : (text.utf8.lexicographicallyPrecedes(literal.utf8) ? -1 : 1)
            case (.text, _):
                return false
            }
            return predicate.matches(ordering)
        }
    }

    private enum Value {
        case number(ParsedNumber)
        case text(String)
    }

    private func value(_ name: String, group: Int) -> Value? {
        let values: ResultTable.Column.Values? =
            if let index = spec.aggregates.firstIndex(where: { $0.outputName == name }) {
                aggregates[index].values
            } else if let index = spec.computed.firstIndex(where: { $0.outputName == name }) {
                computed[index]
            } else {
                nil
            }
        if let values {
            switch values {
            case .int32(let values): return values[group].map { .number(.integer(Int64($0))) }
            case .int64(let values): return values[group].map { .number(.integer($0)) }
            case .double(let values): return values[group].map { .number(.double($0)) }
            case .string(let values): return values[group].map { .text($0) }
            }
        }
        guard let position = spec.keys.firstIndex(where: { $0.outputName == name }) else { return nil }
        let key = groups.key(position, of: group)
        if key == GroupTable.nullKey { return nil }
        if GroupTable.isText(key) { return .text(groups.texts.string(Int(key - GroupTable.textBase))) }
        return .number(.integer(key))
    }
}
