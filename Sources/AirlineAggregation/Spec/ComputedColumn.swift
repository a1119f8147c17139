/// An output column computed from keys and aggregates after aggregation: `+ - * /`, parentheses, numeric
/// literals, `CAST`, `COALESCE` and `NULLIF`, e.g. `sum(ArrDelay) / count(ArrDelay) AS mean_delay`.
///
/// Any null operand makes the result null. `/` is always DOUBLE (IEEE: `x / 0` is ±infinity or NaN, as in DuckDB);
/// `+ - *` over integers stay INT64 unless a row overflows, which makes the column DOUBLE.
public struct ComputedColumn: Sendable, Hashable {
    /// What arithmetic in the select list reads.
    public enum Operand: Sendable, Hashable {
        /// A group key by index (text keys are text: arithmetic over them is null, CAST to VARCHAR keeps them).
        case key(Int)
        /// An aggregate by index into ``AggregateSpec/aggregates`` (it need not be output itself).
        case aggregate(Int)
    }

    /// Arithmetic over output values.
    public typealias Expression = ScalarExpression<Operand>

    /// The four arithmetic operators.
    public enum Operator: String, Sendable, Hashable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    /// The target types of `CAST`.
    public enum CastType: String, Sendable, Hashable {
        /// `DOUBLE`.
        case double = "DOUBLE"
        /// `INTEGER`: INT32 range, doubles rounded half to even (as DuckDB casts a DOUBLE); out of range is an error.
        case integer = "INTEGER"
        /// `BIGINT`: INT64 range, doubles rounded half to even; out of range is an error.
        case bigint = "BIGINT"
        /// `VARCHAR`: the value's decimal spelling; only as a whole select item (no arithmetic over text).
        case varchar = "VARCHAR"
    }

    public var expression: Expression
    public var outputName: String

    public init(_ expression: Expression, as outputName: String) {
        self.expression = expression
        self.outputName = outputName
    }
}
