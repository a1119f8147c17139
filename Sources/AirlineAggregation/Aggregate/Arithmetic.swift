/// Evaluates a ``ComputedColumn/Expression`` for every group (in group order).
struct Arithmetic {
    let groups: GroupTable
    let aggregates: [ResultTable.Column]

    /// A number of one row: exact integers while they last.
    enum Number {
        case integer(Int64)
        case double(Double)

        var double: Double {
            switch self {
            case .integer(let value): return Double(value)
            case .double(let value): return value
            }
        }
    }

    func column(_ expression: ComputedColumn.Expression) -> ResultTable.Column.Values {
        let values = (0..<groups.groupCount).map { evaluate(expression, group: $0) }
        // INT64 only when every row stayed an exact integer (no division, no fraction, no overflow).
        var allIntegers = true
        for case .double? in values { allIntegers = false }
        if allIntegers && !Self.divides(expression) {
            return .int64(
                values.map { value -> Int64? in
                    if case .integer(let integer)? = value { return integer }
                    return nil
                })
        }
        return .double(values.map { $0?.double })
    }

    private static func divides(_ expression: ComputedColumn.Expression) -> Bool {
        switch expression {
        case .binary(let op, let left, let right): return op == .divide || divides(left) || divides(right)
        case .negate(let inner): return divides(inner)
        case .double: return true
        default: return false
        }
    }

    func evaluate(_ expression: ComputedColumn.Expression, group: Int) -> Number? {
        switch expression {
        case .integer(let value): return .integer(value)
        case .double(let value): return .double(value)
        case .key(let position):
            let key = groups.key(position, of: group)
            if key == GroupTable.nullKey || GroupTable.isText(key) { return nil }
            return .integer(key)
        case .aggregate(let index):
            switch aggregates[index].values {
            case .int32(let values): return values[group].map { .integer(Int64($0)) }
            case .int64(let values): return values[group].map { .integer($0) }
            case .double(let values): return values[group].map { .double($0) }
            case .string: return nil
            }
        case .negate(let inner):
            switch evaluate(inner, group: group) {
            case .integer(let value)?:
                let (negated, overflow) = Int64(0).subtractingReportingOverflow(value)
                return overflow ? .double(-Double(value)) : .integer(negated)
            case .double(let value)?: return .double(-value)
            case nil: return nil
            }
        case .binary(let op, let left, let right):
            guard let a = evaluate(left, group: group), let b = evaluate(right, group: group) else { return nil }
            if op != .divide, case .integer(let x) = a, case .integer(let y) = b {
                let (result, overflow): (Int64, Bool)
                switch op {
                case .add: (result, overflow) = x.addingReportingOverflow(y)
                case .subtract: (result, overflow) = x.subtractingReportingOverflow(y)
                default: (result, overflow) = x.multipliedReportingOverflow(by: y)
                }
                if !overflow { return .integer(result) }
            }
            let (x, y) = (a.double, b.double)
            switch op {
            case .add: return .double(x + y)
            case .subtract: return .double(x - y)
            case .multiply: return .double(x * y)
            case .divide: return .double(x / y)
            }
        }
    }
}
