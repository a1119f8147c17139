/// A WHERE condition: comparisons combined with AND and OR (parentheses group them).
///
/// ```swift
/// // WHERE (Origin = 'SFO' OR Origin = 'OAK') AND ArrDelay > 15
/// let condition = Condition.all([
///     .any([.predicate(Predicate("Origin", .equal, .text("SFO"))), .predicate(Predicate("Origin", .equal, .text("OAK")))]),
///     .predicate(Predicate("ArrDelay", .greater, .integer(15))),
/// ])
/// ```
/// A comparison with a null field is not true (SQL's unknown); without NOT, treating unknown as false gives SQL's
/// answer for every AND/OR combination.
public indirect enum Condition: Sendable, Hashable {
    /// One comparison.
    case predicate(Predicate)
    /// True when every condition holds (AND).
    case all([Condition])
    /// True when at least one condition holds (OR).
    case any([Condition])

    /// The comparisons in this condition, left to right.
    public var predicates: [Predicate] {
        switch self {
        case .predicate(let predicate): return [predicate]
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.predicates)
        }
    }
}
