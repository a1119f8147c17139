/// A WHERE condition: comparisons combined with AND and OR (parentheses group them).
///
/// ```swift
/// // WHERE (Origin = 'SFO' OR Origin = 'OAK') AND ArrDelay > 15
/// let condition = Condition.all([
///     .any([.predicate(Predicate("Origin", .equal, .text("SFO"))), .predicate(Predicate("Origin", .equal, .text("OAK")))]),
///     .predicate(Predicate("ArrDelay", .greater, .integer(15))),
/// ])
/// ```
/// A comparison with a null field is unknown (SQL's three-valued logic), and a row or group is kept only when its
/// condition is true. `NOT` is pushed down to the comparisons before evaluation (De Morgan, `NOT x = 1` is
/// `x <> 1`), which keeps unknown unknown, so evaluating unknown as false then gives SQL's answer everywhere.
public indirect enum Condition: Sendable, Hashable {
    /// One comparison.
    case predicate(Predicate)
    /// A comparison of expressions over input columns (WHERE only): `ArrDelay - DepDelay > 10`.
    case comparison(RowComparison)
    /// True when every condition holds (AND).
    case all([Condition])
    /// True when at least one condition holds (OR).
    case any([Condition])
    /// True when the condition is false; unknown (a comparison with null) stays unknown, so the row is dropped.
    case not(Condition)

    /// The comparisons in this condition, left to right.
    public var predicates: [Predicate] {
        switch self {
        case .predicate(let predicate): return [predicate]
        case .comparison: return []
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.predicates)
        case .not(let condition): return condition.predicates
        }
    }

    /// The input columns the condition reads, comparisons and expressions alike, left to right.
    var columns: [String] {
        switch self {
        case .predicate(let predicate): return [predicate.column]
        case .comparison(let comparison): return comparison.left.leaves + comparison.right.leaves
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.columns)
        case .not(let condition): return condition.columns
        }
    }

    /// Whether any part is a ``comparison(_:)``.
    var containsComparison: Bool {
        switch self {
        case .predicate: return false
        case .comparison: return true
        case .all(let conditions), .any(let conditions): return conditions.contains(where: \.containsComparison)
        case .not(let condition): return condition.containsComparison
        }
    }

    /// The same condition without ``not(_:)``: negations pushed down to the comparisons, each replaced by its
    /// complement (`=` by `<>`, `<` by `>=`, `IS NULL` by `IS NOT NULL`, `LIKE` by `NOT LIKE`), which, like
    /// `NOT`, is unknown for a null value.
    var withoutNot: Condition {
        switch self {
        case .predicate, .comparison: return self
        case .all(let conditions): return .all(conditions.map(\.withoutNot))
        case .any(let conditions): return .any(conditions.map(\.withoutNot))
        case .not(let condition): return condition.negated
        }
    }

    /// `NOT self`, pushed down to the comparisons.
    private var negated: Condition {
        switch self {
        case .predicate(var predicate):
            predicate.op = predicate.op.complement
            return .predicate(predicate)
        case .comparison(var comparison):
            comparison.op = comparison.op.complement
            return .comparison(comparison)
        case .all(let conditions): return .any(conditions.map(\.negated))
        case .any(let conditions): return .all(conditions.map(\.negated))
        case .not(let condition): return condition.withoutNot
        }
    }
}

/// `left op right` over expressions of input columns, for WHERE: arithmetic, `CAST`, `COALESCE`, `NULLIF` (see
/// ``ScalarExpression``). `op` is an ordering comparison (`=`, `<>`, `<`, `<=`, `>`, `>=`), or `IS [NOT] NULL` (then
/// `right` is ignored). Numbers compare by value; NaN (`0 / 0`) equals itself and is above every number, as in
/// DuckDB; a null operand makes the comparison unknown (the row is dropped).
public struct RowComparison: Sendable, Hashable {
    public var left: ScalarExpression<String>
    public var op: Predicate.Operator
    public var right: ScalarExpression<String>

    public init(
        _ left: ScalarExpression<String>, _ op: Predicate.Operator, _ right: ScalarExpression<String> = .integer(0)
    ) {
        self.left = left
        self.op = op
        self.right = right
    }
}
