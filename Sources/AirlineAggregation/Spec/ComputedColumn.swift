/// An output column computed from keys and aggregates after aggregation: `+ - * /`, parentheses and numeric
/// literals, e.g. `sum(ArrDelay) / count(ArrDelay) AS mean_delay`.
///
/// Any null operand makes the result null. `/` is always DOUBLE (IEEE: `x / 0` is ±infinity or NaN, as in DuckDB);
/// `+ - *` over integers stay INT64 unless a row overflows, which makes the column DOUBLE.
public struct ComputedColumn: Sendable, Hashable {
    /// Arithmetic over output values.
    public indirect enum Expression: Sendable, Hashable {
        /// A group key by index (numeric keys only; a text key makes the result null).
        case key(Int)
        /// An aggregate by index into ``AggregateSpec/aggregates`` (it need not be output itself).
        case aggregate(Int)
        case integer(Int64)
        case double(Double)
        case negate(Expression)
        case binary(Operator, Expression, Expression)
    }

    /// The four arithmetic operators.
    public enum Operator: String, Sendable, Hashable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    public var expression: Expression
    public var outputName: String

    public init(_ expression: Expression, as outputName: String) {
        self.expression = expression
        self.outputName = outputName
    }
}
