import AirlineAggregation
import Foundation

/// The result table as CSV for `--output -`: the header, then one line per group; nulls are empty fields, text is
/// quoted when it holds a delimiter, quote or line break (RFC 4180).
enum ResultCSV {
    static func render(_ table: ResultTable) -> String {
        lines(table).joined(separator: "\n") + "\n"
    }

    static func lines(_ table: ResultTable) -> [String] {
        var lines = [table.columns.map(\.name).joined(separator: ",")]
        for row in 0..<table.rowCount {
            lines.append(
                table.columns.map { column -> String in
                    switch column.values {
                    case .int32(let values): return values[row].map { "\($0)" } ?? ""
                    case .int64(let values): return values[row].map { "\($0)" } ?? ""
                    case .double(let values): return values[row].map { "\($0)" } ?? ""
                    case .string(let values): return values[row].map(field) ?? ""
                    }
                }.joined(separator: ","))
        }
        return lines
    }

    private static func field(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
