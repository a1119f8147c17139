/// A piece of an ``AggregateSpec`` built by ``AggregateSpecBuilder``.
public protocol AggregateSpecComponent: Sendable {
    /// Adds this component to the spec.
    func apply(to spec: inout AggregateSpec)
}

/// Collects ``AggregateSpecComponent`` values into an ``AggregateSpec``.
@resultBuilder
public enum AggregateSpecBuilder {
    public static func buildExpression(_ component: any AggregateSpecComponent) -> [any AggregateSpecComponent] {
        [component]
    }
    public static func buildBlock(_ parts: [any AggregateSpecComponent]...) -> [any AggregateSpecComponent] {
        parts.flatMap { $0 }
    }
    public static func buildOptional(_ part: [any AggregateSpecComponent]?) -> [any AggregateSpecComponent] {
        part ?? []
    }
    public static func buildEither(first: [any AggregateSpecComponent]) -> [any AggregateSpecComponent] { first }
    public static func buildEither(second: [any AggregateSpecComponent]) -> [any AggregateSpecComponent] { second }
    public static func buildArray(_ parts: [[any AggregateSpecComponent]]) -> [any AggregateSpecComponent] {
        parts.flatMap { $0 }
    }
}

/// Group key columns (output as INT32, ordered ascending).
public struct GroupBy: AggregateSpecComponent {
    public var columns: [String]
    public init(_ columns: String...) { self.columns = columns }
    public init(_ columns: [String]) { self.columns = columns }
    public func apply(to spec: inout AggregateSpec) { spec.keys += columns.map { AggregateSpec.GroupKey($0) } }
}

/// A one-column aggregate component; `apply` is shared.
public protocol ColumnAggregate: AggregateSpecComponent {
    static var function: AggregateExpression.Function { get }
    var column: String { get }
    var name: String? { get }
}

extension ColumnAggregate {
    public func apply(to spec: inout AggregateSpec) {
        spec.aggregates.append(AggregateExpression(Self.function, column: column, as: name))
    }
}

/// `avg(column)`: mean of the non-null values as DOUBLE.
public struct Average: ColumnAggregate {
    public static let function = AggregateExpression.Function.average
    public var column: String
    public var name: String?
    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name
    }
}

/// `sum(column)` of the non-null values.
public struct Sum: ColumnAggregate {
    public static let function = AggregateExpression.Function.sum
    public var column: String
    public var name: String?
    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name
    }
}

/// `count(column)`: the number of non-null values.
public struct Count: ColumnAggregate {
    public static let function = AggregateExpression.Function.count
    public var column: String
    public var name: String?
    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name
    }
}

/// `count(*)`: the number of rows in the group.
public struct CountAll: AggregateSpecComponent {
    public var name: String?
    public init(as name: String? = nil) { self.name = name }
    public func apply(to spec: inout AggregateSpec) {
        spec.aggregates.append(AggregateExpression(.countAll, column: nil, as: name))
    }
}

/// `count(DISTINCT column)`: the number of distinct non-null values (exact; see
/// ``AggregateExpression/Function/countDistinct`` for its memory cost).
public struct CountDistinct: ColumnAggregate {
    public static let function = AggregateExpression.Function.countDistinct
    public var column: String
    public var name: String?
    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name
    }
}

/// `min(column)` of the non-null values.
public struct Min: ColumnAggregate {
    public static let function = AggregateExpression.Function.min
    public var column: String
    public var name: String?
    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name
    }
}

/// `max(column)` of the non-null values.
public struct Max: ColumnAggregate {
    public static let function = AggregateExpression.Function.max
    public var column: String
    public var name: String?
    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name
    }
}

/// A row filter `column op literal` (several are joined with AND).
public struct Where: AggregateSpecComponent {
    public var predicate: Predicate
    public init(_ column: String, _ op: Predicate.Operator, _ value: Int64) {
        predicate = Predicate(column, op, .integer(value))
    }
    public init(_ column: String, _ op: Predicate.Operator, _ value: Double) {
        predicate = Predicate(column, op, .double(value))
    }
    public init(_ column: String, _ op: Predicate.Operator, _ value: String) {
        predicate = Predicate(column, op, .text(value))
    }
    public func apply(to spec: inout AggregateSpec) { spec.filters.append(.predicate(predicate)) }
}
