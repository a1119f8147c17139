import AirlineAggregation

/// The result table as CSV (header, then one line per group; nulls empty), for `--output -`.
enum ResultCSV {
    static func render(_ table: ResultTable) -> String {
        var text = table.columns.map(\.name).joined(separator: ",") + "\n"
        for row in 0..<table.rowCount {
            text += table.columns.map { column -> String in
                switch column.values {
                case .int32(let values): return values[row].map(String.init) ?? ""
                case .int64(let values): return values[row].map(String.init) ?? ""
                case .double(let values): return values[row].map { "\($0)" } ?? ""
                }
            }.joined(separator: ",") + "\n"
        }
        return text
    }
}
