/// A flat schema: an ordered list of uniquely named columns.
///
/// ```swift
/// let schema = try ParquetSchema([
///     ParquetColumn("Year", .int32), ParquetColumn("Month", .int32), ParquetColumn("DayOfMonth", .int32),
///     ParquetColumn("avg_ArrDelay", .double), ParquetColumn("avg_DepDelay", .double),
/// ])
/// ```
public struct ParquetSchema: Sendable, Hashable {
    public let columns: [ParquetColumn]
    /// Name of the root group element (`schema`, as pyarrow and Spark write it).
    public let rootName: String

    /// Validates names: at least one column, no empty or duplicate names.
    public init(_ columns: [ParquetColumn], rootName: String = "schema") throws(ParquetError) {
        guard !columns.isEmpty else { throw .invalidSchema(reason: "a schema needs at least one column") }
        var seen = Set<String>()
        for column in columns {
            guard !column.name.isEmpty else { throw .invalidSchema(reason: "column names must not be empty") }
            guard seen.insert(column.name).inserted else {
                throw .invalidSchema(reason: "column name '\(column.name)' appears more than once")
            }
        }
        self.columns = columns
        self.rootName = rootName
    }

    /// The footer's schema list: the root group, then one leaf per column.
    var schemaElements: [ParquetFormat.SchemaElement] {
        [ParquetFormat.SchemaElement(name: rootName, numChildren: Int32(columns.count))] + columns.map(\.schemaElement)
    }
}
