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
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.predicates)
        case .not(let condition): return condition.predicates
        }
    }

    /// The same condition without ``not(_:)``: negations pushed down to the comparisons, each replaced by its
    /// complement (`=` by `<>`, `<` by `>=`, `IS NULL` by `IS NOT NULL`, `LIKE` by `NOT LIKE`), which, like
    /// `NOT`, is unknown for a null value.
    var withoutNot: Condition {
        switch self {
        case .predicate: return self
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
        case .all(let conditions): return .any(conditions.map(\.negated))
        case .any(let conditions): return .all(conditions.map(\.negated))
        case .not(let condition): return condition.withoutNot
        }
    }
}
