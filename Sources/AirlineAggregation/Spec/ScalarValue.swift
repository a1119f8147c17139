/// One value of an expression (select-list arithmetic per group, WHERE arithmetic per row), and the semantics of
/// its operators, shared by both: nulls propagate, integers stay exact until they overflow (then DOUBLE), `/` is
/// DOUBLE, casts and comparisons as DuckDB does them.
enum ScalarValue: Sendable, Equatable {
    case integer(Int64)
    case double(Double)
    case text(String)

    var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        case .text: return nil
        }
    }

    static func negate(_ value: ScalarValue?) -> ScalarValue? {
        switch value {
        case .integer(let value)?:
            let (negated, overflow) = Int64(0).subtractingReportingOverflow(value)
            return overflow ? .double(-Double(value)) : .integer(negated)
        case .double(let value)?: return .double(-value)
        default: return nil
        }
    }

    static func binary(_ op: ComputedColumn.Operator, _ left: ScalarValue?, _ right: ScalarValue?) -> ScalarValue? {
        guard let left, let right else { return nil }
        if op != .divide, case .integer(let x) = left, case .integer(let y) = right {
            let (result, overflow): (Int64, Bool)
            switch op {
            case .add: (result, overflow) = x.addingReportingOverflow(y)
            case .subtract: (result, overflow) = x.subtractingReportingOverflow(y)
            default: (result, overflow) = x.multipliedReportingOverflow(by: y)
            }
            if !overflow { return .integer(result) }
        }
        guard let x = left.double, let y = right.double else { return nil }
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide: return .double(x / y)
        }
    }

    /// `CAST(value AS type)`; a double outside the target's range (or NaN) is an error, as in DuckDB.
    static func cast(_ value: ScalarValue?, to type: ComputedColumn.CastType) throws -> ScalarValue? {
        guard let value else { return nil }
        switch (type, value) {
        case (.double, _): return value.double.map(ScalarValue.double)
        case (.varchar, .integer(let integer)): return .text(String(integer))
        case (.varchar, .double(let double)): return .text(double.isNaN ? "nan" : "\(double)")
        case (.varchar, .text): return value
        case (.integer, .integer(let integer)), (.bigint, .integer(let integer)):
            guard type == .bigint || Int32(exactly: integer) != nil else { throw outOfRange(value, type) }
            return value
        case (.integer, .double(let double)), (.bigint, .double(let double)):
            let rounded = double.rounded(.toNearestOrEven)
            let limit = type == .integer ? 2_147_483_648.0 : 9_223_372_036_854_775_808.0
            guard rounded >= -limit, rounded < limit else { throw outOfRange(value, type) }
            return .integer(Int64(rounded))
        case (.integer, .text), (.bigint, .text): throw outOfRange(value, type)
        }
    }

    private static func outOfRange(_ value: ScalarValue, _ type: ComputedColumn.CastType) -> AggregationError {
        AggregationError(
            .invalidNumber, message: "CAST(\(value) AS \(type.rawValue)): out of range for \(type.rawValue)")
    }

    /// `NULLIF(left, right)`: null when both are equal by value.
    static func nullIf(_ left: ScalarValue?, _ right: ScalarValue?) -> ScalarValue? {
        guard let left, let right else { return left }
        return ordering(left, right) == 0 ? nil : left
    }

    /// Three-way order by value (integers exactly, NaN above everything and equal to itself, as in DuckDB); text
    /// byte-wise; a number before text.
    static func ordering(_ left: ScalarValue, _ right: ScalarValue) -> Int {
        switch (left, right) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.text(let a), .text(let b)):
            return a.utf8.elementsEqual(b.utf8) ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
        case (.text, _): return 1
        case (_, .text): return -1
        default:
            let (a, b) = (left.double!, right.double!)
            if a.isNaN || b.isNaN { return a.isNaN ? (b.isNaN ? 0 : 1) : -1 }
            if case .integer(let x) = left, case .double = right, b == a { return compareExact(x, b) }
            if case .double = left, case .integer(let y) = right, a == b { return -compareExact(y, a) }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    /// An integer against a double that equals it once rounded: exact where the integer has more than 53 bits.
    private static func compareExact(_ integer: Int64, _ double: Double) -> Int {
        guard double < 9_223_372_036_854_775_808.0, double >= -9_223_372_036_854_775_808.0 else {
            return double > 0 ? -1 : 1
        }
        let other = Int64(double)
        return integer < other ? -1 : (integer == other ? 0 : 1)
    }
}
