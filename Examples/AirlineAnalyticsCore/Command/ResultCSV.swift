import AirlineAggregation

/// The result table as CSV (header, then one line per group; nulls empty), for `--output -`.
enum ResultCSV {
    static func render(_ table: ResultTable) -> String {
        table.csvLines().joined(separator: "\n") + "\n"
    }
}
