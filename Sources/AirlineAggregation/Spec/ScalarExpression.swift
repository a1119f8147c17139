/// Arithmetic over leaves: in the select list the leaves are group keys and aggregates (``ComputedColumn``), in
/// WHERE they are input columns (``RowComparison``). `+ - * /`, unary minus, numeric literals, `CAST`, `COALESCE`
/// and `NULLIF`, with one semantics for both (see ``ScalarValue``): a null operand gives null, `+ - *` over
/// integers stay exact integers unless they overflow (then DOUBLE), `/` is DOUBLE (`x / 0` is ±infinity, `0 / 0`
/// NaN, as in DuckDB).
public indirect enum ScalarExpression<Leaf: Sendable & Hashable>: Sendable, Hashable {
    case leaf(Leaf)
    case integer(Int64)
    case double(Double)
    case negate(ScalarExpression)
    case binary(ComputedColumn.Operator, ScalarExpression, ScalarExpression)
    /// `CAST(expression AS type)`.
    case cast(ScalarExpression, ComputedColumn.CastType)
    /// `COALESCE(a, b, …)`: the first operand that is not null.
    case coalesce([ScalarExpression])
    /// `NULLIF(a, b)`: null when `a = b` (by value), else `a`.
    case nullIf(ScalarExpression, ScalarExpression)

    /// The value, given each leaf's.
    /// - Throws: ``AggregationError`` (`invalidNumber`) for a CAST out of its type's range.
    func evaluate(_ leafValue: (Leaf) throws -> ScalarValue?) throws -> ScalarValue? {
        switch self {
        case .leaf(let leaf): return try leafValue(leaf)
        case .integer(let value): return .integer(value)
        case .double(let value): return .double(value)
        case .negate(let inner): return ScalarValue.negate(try inner.evaluate(leafValue))
        case .binary(let op, let left, let right):
            return ScalarValue.binary(op, try left.evaluate(leafValue), try right.evaluate(leafValue))
        case .cast(let inner, let type): return try ScalarValue.cast(try inner.evaluate(leafValue), to: type)
        case .coalesce(let operands):
            for operand in operands {
                if let value = try operand.evaluate(leafValue) { return value }
            }
            return nil
        case .nullIf(let left, let right):
            return ScalarValue.nullIf(try left.evaluate(leafValue), try right.evaluate(leafValue))
        }
    }

    /// The same expression over other leaves.
    func mapLeaves<Other>(_ transform: (Leaf) throws -> Other) rethrows -> ScalarExpression<Other> {
        switch self {
        case .leaf(let leaf): return .leaf(try transform(leaf))
        case .integer(let value): return .integer(value)
        case .double(let value): return .double(value)
        case .negate(let inner): return .negate(try inner.mapLeaves(transform))
        case .binary(let op, let left, let right):
            return .binary(op, try left.mapLeaves(transform), try right.mapLeaves(transform))
        case .cast(let inner, let type): return .cast(try inner.mapLeaves(transform), type)
        case .coalesce(let operands): return .coalesce(try operands.map { try $0.mapLeaves(transform) })
        case .nullIf(let left, let right): return .nullIf(try left.mapLeaves(transform), try right.mapLeaves(transform))
        }
    }

    /// The leaves, left to right.
    var leaves: [Leaf] {
        switch self {
        case .leaf(let leaf): return [leaf]
        case .integer, .double: return []
        case .negate(let inner), .cast(let inner, _): return inner.leaves
        case .binary(_, let left, let right), .nullIf(let left, let right): return left.leaves + right.leaves
        case .coalesce(let operands): return operands.flatMap(\.leaves)
        }
    }

    /// Whether the type is DOUBLE whatever the values (a division, a decimal literal, a cast to DOUBLE), so a
    /// column of integral results is still DOUBLE.
    var isDouble: Bool {
        switch self {
        case .binary(let op, let left, let right): return op == .divide || left.isDouble || right.isDouble
        case .negate(let inner): return inner.isDouble
        case .double: return true
        case .cast(_, let type): return type == .double
        case .coalesce(let operands): return operands.contains(where: \.isDouble)
        case .nullIf(let left, _): return left.isDouble
        case .leaf, .integer: return false
        }
    }
}
