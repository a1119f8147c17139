/// One aggregate of the query's SELECT list: a function over an input column, named in the output.
public struct AggregateExpression: Sendable, Hashable {
    /// The aggregate functions the kernel computes.
    public enum Function: String, Sendable, Hashable, CaseIterable {
        /// Arithmetic mean of the non-null values; DOUBLE; null when every input is null.
        case average = "avg"
        /// Sum of the non-null values; INT64 over integers, DOUBLE once any value has a fraction. A sum that leaves
        /// the INT64 range widens the column to DOUBLE (never wraps).
        case sum
        /// Number of non-null values; never null.
        case count
        /// Number of rows (`count(*)`); never null.
        case countAll = "count(*)"
        /// Smallest non-null value; INT64 (exact up to `Int64.max`) unless a value has a fraction.
        case min
        /// Largest non-null value.
        case max
        /// `count(DISTINCT column)`: the number of distinct non-null values, exact; INT64, never null. Numbers
        /// compare by value (`1`, `1.0` and `01` are one value), text by its bytes. Costs memory per distinct
        /// (group, value) pair: about 40 bytes, plus each distinct text's bytes once per worker.
        case countDistinct = "count(DISTINCT)"
    }

    public var function: Function
    /// The input column (nil only for `count(*)`), matched case-insensitively.
    public var column: String?
    /// The output column name.
    public var outputName: String

    public init(_ function: Function, column: String?, as outputName: String? = nil) {
        self.function = function
        self.column = column
        self.outputName = outputName ?? Self.defaultName(function, column)
    }

    /// Spark's naming for an unaliased aggregate, e.g. `avg(ArrDelay)`, `count(1)`.
    static func defaultName(_ function: Function, _ column: String?) -> String {
        switch function {
        case .countAll: return "count(1)"
        case .countDistinct: return "count(DISTINCT \(column ?? ""))"
        default: return "\(function.rawValue)(\(column ?? ""))"
        }
    }
}

/// A row filter of the WHERE clause: `column op literal`, all filters joined by AND.
public struct Predicate: Sendable, Hashable {
    /// Comparison operators.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "<>"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        /// `IS NULL` (the literal is ignored).
        case isNull = "IS NULL"
        /// `IS NOT NULL` (the literal is ignored).
        case isNotNull = "IS NOT NULL"
        /// `LIKE 'prefix%'`: the text starts with the literal's bytes.
        case startsWith = "LIKE"
        /// `NOT LIKE 'prefix%'`: the text does not start with the literal's bytes (unknown for null).
        case notStartsWith = "NOT LIKE"

        /// Whether a three-way `ordering` of value and operand satisfies an ordering operator (false for the others,
        /// which their filters evaluate themselves).
        @inline(__always)
        func matches(_ ordering: Int) -> Bool {
            switch self {
            case .equal: return ordering == 0
            case .notEqual: return ordering != 0
            case .less: return ordering < 0
            case .lessOrEqual: return ordering <= 0
            case .greater: return ordering > 0
            case .greaterOrEqual: return ordering >= 0
            case .isNull, .isNotNull, .startsWith, .notStartsWith: return false
            }
        }

        /// The operator that holds exactly when this one is false, for a non-null value.
        var complement: Operator {
            switch self {
            case .equal: return .notEqual
            case .notEqual: return .equal
            case .less: return .greaterOrEqual
            case .lessOrEqual: return .greater
            case .greater: return .lessOrEqual
            case .greaterOrEqual: return .less
            case .isNull: return .isNotNull
            case .isNotNull: return .isNull
            case .startsWith: return .notStartsWith
            case .notStartsWith: return .startsWith
            }
        }
    }

    /// A literal to compare against: a number (compared numerically), or text. Text that is itself a number (`'2'`,
    /// `'2.5'`) compares numerically with fields that are numbers (`2`, `2.0`, `+2`), as SQL engines compare a
    /// numeric column with a literal; otherwise text compares with the field's (unquoted) bytes.
    public enum Literal: Sendable, Hashable {
        case integer(Int64)
        case double(Double)
        case text(String)
    }

    public var column: String
    public var op: Operator
    public var literal: Literal

    public init(_ column: String, _ op: Operator, _ literal: Literal) {
        self.column = column
        self.op = op
        self.literal = literal
    }

    /// SQL semantics: a comparison with a null field is not true, so the row is dropped.
    @inline(__always)
    func matches(_ ordering: Int) -> Bool { op.matches(ordering) }

    /// Whether the operator compares an ordering (`=`, `<`, …) rather than nullness or a prefix.
    var isOrdering: Bool {
        switch op {
        case .isNull, .isNotNull, .startsWith, .notStartsWith: return false
        default: return true
        }
    }
}
