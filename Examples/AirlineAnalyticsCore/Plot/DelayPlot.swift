import AirlineAggregation
import AzureKitSigning
import Foundation

/// An SVG line chart of a daily result: one line per floating-point column (the original query's
/// `avg_ArrDelay` and `avg_DepDelay`) over the date made of the `Year`, `Month` and `DayOfMonth` keys.
///
/// Hand-written SVG 1.1 with no dependency; a year of days is a few hundred points, which a person reads faster
/// than 365 Parquet rows.
///
/// ```swift
/// let svg = try DelayPlot(table: summary.result).svg()
/// try svg.write(toFile: "2007.svg", atomically: true, encoding: .utf8)
/// ```
public struct DelayPlot: Sendable {
    /// One plotted line.
    public struct Series: Sendable, Equatable {
        public var name: String
        /// (day index from the first date, value); rows whose value is null are left out.
        public var points: [(day: Int, value: Double)]

        public static func == (lhs: Series, rhs: Series) -> Bool {
            lhs.name == rhs.name && lhs.points.elementsEqual(rhs.points) { $0.day == $1.day && $0.value == $1.value }
        }
    }

    public let series: [Series]
    /// The first date, `(year, month, day)`.
    public let start: (year: Int, month: Int, day: Int)
    public let dayCount: Int

    static let colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"]

    /// - Throws: ``AnalyticsFailure`` when the table has no `Year`/`Month`/`DayOfMonth` keys or no floating-point
    ///   column to draw.
    public init(table: ResultTable) throws {
        func column(_ name: String) -> ResultTable.Column? {
            table.columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        }
        func integers(_ column: ResultTable.Column) -> [Int?] {
            switch column.values {
            case .int32(let values): return values.map { $0.map(Int.init) }
            case .int64(let values): return values.map { $0.map(Int.init) }
            case .double(let values): return values.map { $0.flatMap { $0.isFinite ? Int($0) : nil } }
            case .string(let values): return values.map { $0.flatMap { Int($0) } }
            }
        }
        guard let years = column("Year").map(integers), let months = column("Month").map(integers),
            let days = column("DayOfMonth").map(integers)
        else {
            throw AnalyticsFailure(
                "--plot needs a daily result: the query must group by Year, Month and DayOfMonth (columns: \(table.columns.map(\.name).joined(separator: ", ")))"
            )
        }
        let keyNames: Set<String> = ["year", "month", "dayofmonth"]
        let valueColumns = table.columns.filter { column in
            if case .double = column.values { return !keyNames.contains(column.name.lowercased()) }
            return false
        }
        guard !valueColumns.isEmpty else {
            throw AnalyticsFailure(
                "--plot needs at least one average column to draw (columns: \(table.columns.map(\.name).joined(separator: ", ")))"
            )
        }
        var dayNumbers: [Int?] = []
        for row in 0..<table.rowCount {
            if let year = years[row], let month = months[row], let day = days[row] {
                dayNumbers.append(Self.daysFromCivil(year: year, month: month, day: day))
            } else {
                dayNumbers.append(nil)
            }
        }
        let first = dayNumbers.compactMap { $0 }.min() ?? 0
        let last = dayNumbers.compactMap { $0 }.max() ?? 0
        series = valueColumns.map { column in
            guard case .double(let values) = column.values else { return Series(name: column.name, points: []) }
            var points: [(day: Int, value: Double)] = []
            for (row, value) in values.enumerated() {
                if let value, value.isFinite, let day = dayNumbers[row] { points.append((day - first, value)) }
            }
            return Series(name: column.name, points: points)
        }
        start = Self.civil(fromDays: first)
        dayCount = last - first + 1
    }

    /// Days since 1970-01-01 (UTC), or `nil` for a date that does not exist (such as February 30).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int? {
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        return Int(CivilCalendar.daysFromCivil(year: year, month: month, day: day))
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        CivilCalendar.civil(fromDays: Int64(days))
    }
}
