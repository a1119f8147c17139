import Testing

@testable import AirlineAggregation

/// A deliberately plain aggregation over ``ReferenceTokenizer`` records, used as the oracle for the fast kernel.
/// Its rules mirror the kernel's documented semantics: per record, the field count is checked first, then fields
/// are decoded in field order, then key ranges; the first failing record (in input order) is the error.
struct ReferenceAggregator {
    enum Outcome: Equatable {
        case table(ResultTable, rows: Int, skipped: Int)
        case failure(AggregationError.Kind, line: Int?)
    }

    var dialect = CSVDialect.standard
    var skipMalformed = false

    func run(_ bytes: [UInt8], _ spec: AggregateSpec) -> Outcome {
        let (records, unterminated) = ReferenceTokenizer(dialect: dialect).scan(bytes)
        guard let headerRecord = records.first else {
            return .failure(unterminated?.kind ?? .emptyInput, line: unterminated?.line ?? 1)
        }
        let header =
            dialect.hasHeader
            ? headerRecord.fields.map { String(decoding: $0, as: UTF8.self) }
            : headerRecord.fields.indices.map { "_c\($0)" }
        func index(_ column: String) -> Int? { QueryPlan.resolve(column, in: header) }
        for column in spec.inputColumns where index(column) == nil { return .failure(.unknownColumn, line: 1) }
        let keyFields = spec.keys.map { index($0.column)! }
        // Fields compared with a number literal must be numbers, like aggregate inputs (checked on every row).
        let numericFilterFields = spec.filters.flatMap(\.predicates).compactMap { predicate -> Int? in
            if case .text = predicate.literal { return nil }
            return predicate.isOrdering ? index(predicate.column) : nil
        }
        // Expressions in WHERE read numbers; min, max and count(DISTINCT) take text too.
        let expressionFields = spec.filters.flatMap(Self.comparisonColumns).compactMap(index)
        let numericFields = Set(numericFilterFields).union(expressionFields).union(
            spec.aggregates.compactMap { aggregate in
                [.sum, .average].contains(aggregate.function) ? aggregate.column.flatMap(index) : nil
            })
        let usedFields = Set(numericFields).union(spec.aggregates.compactMap { $0.column.flatMap(index) })
            .union(keyFields).sorted()
        let nulls = Set(dialect.nullTokens.map { Array($0.utf8) })
        struct Group {
            var rows: Int64 = 0
            var values: [[Double]]
            var allIntegers: [Bool]
            /// Per aggregate, the raw (unquoted) non-null fields: for min/max over text and count(DISTINCT).
            var raws: [[[UInt8]]]
        }
        var groups: [[KeyValue?]: Group] = [:]
        var rows = 0
        var skipped = 0
        let data = dialect.hasHeader ? records.dropFirst() : records[...]
        recordLoop: for record in data {
            if record.fields.count != header.count {
                if skipMalformed {
                    skipped += 1
                    continue
                }
                return .failure(.malformedRow, line: record.line)
            }
            var parsed: [Int: (Double, Bool)?] = [:]  // field -> (value, isInteger) or nil for null
            for field in usedFields {
                let raw = record.fields[field]
                if nulls.contains(raw) {
                    parsed[field] = .some(nil)
                    continue
                }
                if !numericFields.contains(field) {
                    parsed[field] = .some(Self.number(raw) ?? (0, true))
                    continue
                }
                guard let number = Self.number(raw) else {
                    if skipMalformed {
                        skipped += 1
                        continue recordLoop
                    }
                    return .failure(.invalidNumber, line: nil)
                }
                parsed[field] = .some(number)
            }
            // WHERE in SQL's three-valued logic, NOT included (the kernel pushes NOT down instead): a row is kept
            // only when every filter is true.
            let kept = spec.filters.allSatisfy { filter in
                Self.evaluate(filter) { column in
                    let raw = record.fields[index(column)!]
                    return nulls.contains(raw) ? nil : raw
                } == true
                // Kernel rule: an expression's column must hold numbers (checked when the row is read).
            }
            if !kept {
                rows += 1  // the kernel counts filtered rows as read
                continue
            }
            // Keys: an INT32 integer is a number, anything else not null is text (the kernel's rule).
            var key: [KeyValue?] = []
            for field in keyFields {
                let raw = record.fields[field]
                if nulls.contains(raw) {
                    key.append(nil)
                    continue
                }
                if let number = Self.number(raw), number.1, number.0 >= Double(Int32.min), number.0 <= Double(Int32.max)
                {
                    key.append(.number(Int64(number.0)))
                } else {
                    key.append(.text(raw))
                }
            }
            rows += 1
            var group =
                groups[key]
                ?? Group(
                    values: Array(repeating: [], count: spec.aggregates.count),
                    allIntegers: Array(repeating: true, count: spec.aggregates.count),
                    raws: Array(repeating: [], count: spec.aggregates.count))
            group.rows += 1
            for (position, aggregate) in spec.aggregates.enumerated() {
                guard let column = aggregate.column, let field = index(column), let value = parsed[field]! else {
                    continue
                }
                group.raws[position].append(record.fields[field])
                if [.min, .max, .countDistinct].contains(aggregate.function), Self.number(record.fields[field]) == nil {
                    continue  // text: only its spelling counts
                }
                group.values[position].append(value.0)
                if !value.1 { group.allIntegers[position] = false }
            }
            groups[key] = group
        }
        if let unterminated { return .failure(unterminated.kind, line: nil) }
        return .table(
            Self.table(spec, groups.mapValues { ($0.rows, $0.values, $0.allIntegers, $0.raws) }), rows: rows,
            skipped: skipped)
    }

    /// A condition's truth value on one row: nil is SQL's unknown (a comparison with a null field).
    static func evaluate(_ condition: Condition, field: (String) -> [UInt8]?) -> Bool? {
        switch condition {
        case .not(let inner): return evaluate(inner, field: field).map { !$0 }
        case .all(let conditions):
            let values = conditions.map { evaluate($0, field: field) }
            if values.contains(false) { return false }
            return values.contains(nil) ? nil : true
        case .any(let conditions):
            let values = conditions.map { evaluate($0, field: field) }
            if values.contains(true) { return true }
            return values.contains(nil) ? nil : false
        case .comparison(let comparison):
            let left = value(comparison.left, field: field)
            switch comparison.op {
            case .isNull: return left == nil
            case .isNotNull: return left != nil
            default:
                guard let left, let right = value(comparison.right, field: field) else { return nil }
                return comparison.op.matches(left < right ? -1 : (left == right ? 0 : 1))
            }
        case .predicate(let predicate):
            let raw = field(predicate.column)
            switch predicate.op {
            case .isNull: return raw == nil
            case .isNotNull: return raw != nil
            default: break
            }
            guard let raw else { return nil }
            let ordering: Int
            switch predicate.literal {
            case .text(let text):
                let literal = Array(text.utf8)
                if predicate.op == .startsWith || predicate.op == .notStartsWith {
                    return raw.starts(with: literal) == (predicate.op == .startsWith)
                }
                if let a = number(raw), let b = number(literal) {
                    ordering = a.0 < b.0 ? -1 : (a.0 == b.0 ? 0 : 1)
                } else {
                    ordering = raw.lexicographicallyPrecedes(literal) ? -1 : (raw == literal ? 0 : 1)
                }
            case .integer(let literal):
                let value = number(raw)!.0  // checked to be a number before
                ordering = value < Double(literal) ? -1 : (value == Double(literal) ? 0 : 1)
            case .double(let literal):
                let value = number(raw)!.0
                ordering = value < literal ? -1 : (value == literal ? 0 : 1)
            }
            return predicate.matches(ordering)
        }
    }

    static func comparisonColumns(_ condition: Condition) -> [String] {
        switch condition {
        case .predicate: return []
        case .comparison(let comparison): return condition.columns
        case .all(let conditions), .any(let conditions): return conditions.flatMap(comparisonColumns)
        case .not(let inner): return comparisonColumns(inner)
        }
    }

    /// An expression's value over one row, in plain doubles (the test data keeps integers exact in a double).
    static func value(_ expression: ScalarExpression<String>, field: (String) -> [UInt8]?) -> Double? {
        switch expression {
        case .leaf(let column): return field(column).flatMap { number($0)?.0 }
        case .integer(let value): return Double(value)
        case .double(let value): return value
        case .negate(let inner): return value(inner, field: field).map { -$0 }
        case .binary(let op, let left, let right):
            guard let a = value(left, field: field), let b = value(right, field: field) else { return nil }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            }
        case .cast(let inner, let type):
            return value(inner, field: field).map { type == .double ? $0 : $0.rounded(.toNearestOrEven) }
        case .coalesce(let operands):
            for operand in operands {
                if let found = value(operand, field: field) { return found }
            }
            return nil
        case .nullIf(let left, let right):
            let a = value(left, field: field)
            return a != nil && a == value(right, field: field) ? nil : a
        }
    }

    /// `[-+]digits[.digits][e[-+]digits]` (or `.digits`), the kernel's number grammar.
    static func number(_ raw: [UInt8]) -> (Double, Bool)? {
        let text = String(decoding: raw, as: UTF8.self)
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
        guard let mantissa = parts.first, parts.count <= 2 else { return nil }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = pieces.joined()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitForTest), pieces.count <= 2 else { return nil }
        if parts.count == 2 {
            var exponent = parts[1]
            if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigitForTest) else { return nil }
        }
        let isInteger = parts.count == 1 && pieces.count == 1 && digits.count <= 18
        guard let value = Double(text) else { return nil }
        return (value, isInteger)
    }

    static func table(_ spec: AggregateSpec, _ groups: [[KeyValue?]: (Int64, [[Double]], [Bool], [[[UInt8]]])])
        -> ResultTable
    {
        var keys = Array(groups.keys)
        if spec.keys.isEmpty && keys.isEmpty { keys = [[]] }
        keys.sort { left, right in
            for index in left.indices where left[index] != right[index] {
                guard let a = left[index] else { return true }
                guard let b = right[index] else { return false }
                return a < b
            }
            return false
        }
        var columns: [ResultTable.Column] = spec.keys.enumerated().map { position, key in
            let values = keys.map { $0[position] }
            if values.contains(where: { if case .text? = $0 { return true } else { return false } }) {
                return .init(name: key.outputName, values: .string(values.map { $0?.text }))
            }
            return .init(
                name: key.outputName,
                values: .int32(
                    values.map { value -> Int32? in
                        if case .number(let number)? = value { return Int32(number) }
                        return nil
                    }))
        }
        for (position, aggregate) in spec.aggregates.enumerated() {
            let lists = keys.map { groups[$0]?.1[position] ?? [] }
            let integral = groups.values.allSatisfy { $0.2[position] }
            let raws = keys.map { groups[$0]?.3[position] ?? [] }
            // min/max over a column with any non-number: every value compares by its spelling.
            let text = raws.joined().contains { number($0) == nil }
            let values: ResultTable.Column.Values
            switch aggregate.function {
            case .countDistinct:
                // Numbers by value (1 and 1.0 are one), text by bytes.
                values = .int64(
                    raws.map { list in
                        Int64(
                            Set(
                                list.map { raw in
                                    number(raw).map { "n\($0.0)" } ?? "t" + String(decoding: raw, as: UTF8.self)
                                }
                            ).count)
                    })
            case .min where text:
                values = .string(
                    raws.map { $0.min { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) } }
                )
            case .max where text:
                values = .string(
                    raws.map { $0.max { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) } }
                )
            case .countAll: values = .int64(keys.map { groups[$0]?.0 ?? 0 })
            case .count: values = .int64(lists.map { Int64($0.count) })
            case .average: values = .double(lists.map { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) })
            case .sum:
                values =
                    integral
                    ? .int64(lists.map { $0.isEmpty ? nil : Int64($0.reduce(0, +)) })
                    : .double(lists.map { $0.isEmpty ? nil : $0.reduce(0, +) })
            case .min:
                values = integral ? .int64(lists.map { $0.min().map { Int64($0) } }) : .double(lists.map { $0.min() })
            case .max:
                values = integral ? .int64(lists.map { $0.max().map { Int64($0) } }) : .double(lists.map { $0.max() })
            }
            columns.append(.init(name: aggregate.outputName, values: values))
        }
        return ResultTable(columns: columns)
    }
}

/// A group key value: numbers sort before text, text in byte order.
enum KeyValue: Hashable, Comparable {
    case number(Int64)
    case text([UInt8])

    var text: String {
        switch self {
        case .number(let value): return String(value)
        case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func < (left: KeyValue, right: KeyValue) -> Bool {
        switch (left, right) {
        case (.number(let a), .number(let b)): return a < b
        case (.number, .text): return true
        case (.text, .number): return false
        case (.text(let a), .text(let b)): return a.lexicographicallyPrecedes(b)
        }
    }
}

extension Character {
    var isASCIIDigitForTest: Bool { isASCII && isNumber }
}

/// Compares two tables, allowing a relative tolerance on doubles (the kernel sums integers exactly, the
/// reference in doubles).
func tablesMatch(_ left: ResultTable, _ right: ResultTable, tolerance: Double = 1e-9) -> Bool {
    guard left.columns.count == right.columns.count else { return false }
    for (a, b) in zip(left.columns, right.columns) {
        guard a.name == b.name else { return false }
        switch (a.values, b.values) {
        case (.int32(let x), .int32(let y)): if x != y { return false }
        case (.int64(let x), .int64(let y)): if x != y { return false }
        case (.string(let x), .string(let y)): if x != y { return false }
        case (.double(let x), .double(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) {
                switch (p, q) {
                case (nil, nil): continue
                case (let p?, let q?): if abs(p - q) > tolerance * max(1, abs(p), abs(q)) { return false }
                default: return false
                }
            }
        default: return false
        }
    }
    return true
}

/// Runs `spec` over the input of each seed with the kernel and the reference, expects equal outcomes, and returns
/// how many groups the kernel kept over all seeds (a condition that keeps nothing tests little).
func expectKernelMatchesReference(
    _ spec: AggregateSpec, seeds: ClosedRange<UInt64>, options: AggregationOptions, input: (UInt64) -> [UInt8],
    sourceLocation: SourceLocation = #_sourceLocation
) async -> Int {
    var keptGroups = 0
    for seed in seeds {
        let bytes = input(seed)
        let expected = ReferenceAggregator().run(bytes, spec)
        let got = await kernelOutcome(bytes, spec, options: options)
        #expect(outcomesAgree(got, expected), "seed \(seed): \(got) vs \(expected)", sourceLocation: sourceLocation)
        if case .table(let table, _, _) = got { keptGroups += table.rowCount }
    }
    return keptGroups
}

/// Runs the kernel and folds the result into the reference's outcome shape.
func kernelOutcome(
    _ bytes: [UInt8], _ spec: AggregateSpec, options: AggregationOptions = .init(workers: 2), maximumRead: Int = .max
) async -> ReferenceAggregator.Outcome {
    await kernelOutcome(from: .bytes(bytes, name: "test.csv", maximumRead: maximumRead), spec, options: options)
}

func kernelOutcome(
    from source: CSVSource, _ spec: AggregateSpec, options: AggregationOptions = .init(workers: 2)
) async -> ReferenceAggregator.Outcome {
    do {
        let summary = try await Aggregation.run(from: source, spec, options: options)
        return .table(summary.result, rows: summary.rowsRead, skipped: summary.rowsSkipped)
    } catch let error as AggregationError {
        return .failure(error.kind, line: error.kind == .malformedRow ? error.line : nil)
    } catch {
        return .failure(.init(rawValue: "\(error)"), line: nil)
    }
}

func outcomesAgree(_ kernel: ReferenceAggregator.Outcome, _ reference: ReferenceAggregator.Outcome) -> Bool {
    switch (kernel, reference) {
    case (.table(let a, let rowsA, let skippedA), .table(let b, let rowsB, let skippedB)):
        return rowsA == rowsB && skippedA == skippedB && tablesMatch(a, b)
    case (.failure(let a, let lineA), .failure(let b, let lineB)):
        return a == b && (lineA == nil || lineB == nil || lineA == lineB)
    default:
        return false
    }
}
