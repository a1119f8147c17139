import Foundation
import ParquetKit
import TestSupport

/// Tables shared by the round-trip tests and the sample files checked with
/// shared/tools/parquet_oracle.py.
enum SampleTables {
    static let airlineSchema = try! ParquetSchema([
        ParquetColumn("Year", .int32), ParquetColumn("Month", .int32), ParquetColumn("DayOfMonth", .int32),
        ParquetColumn("avg_ArrDelay", .double), ParquetColumn("avg_DepDelay", .double),
    ])

    /// 365 rows shaped like the airline result: keys ordered by date, averages with a few nulls.
    static func airline() -> [ParquetColumnValues] {
        var years: [Int32?] = []
        var months: [Int32?] = []
        var days: [Int32?] = []
        var arrivals: [Double?] = []
        var departures: [Double?] = []
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var rng = SeededRandom(seed: 2007)
        for (month, length) in lengths.enumerated() {
            for day in 1...length {
                years.append(2007)
                months.append(Int32(month + 1))
                days.append(Int32(day))
                arrivals.append(day == 13 ? nil : Double.random(in: -5...40, using: &rng))
                departures.append(Double.random(in: -3...35, using: &rng))
            }
        }
        return [.int32(years), .int32(months), .int32(days), .double(arrivals), .double(departures)]
    }

    static let mixedSchema = try! ParquetSchema([
        ParquetColumn("id", .int64, .required), ParquetColumn("carrier", .string), ParquetColumn("delay", .int32),
        ParquetColumn("ratio", .double), ParquetColumn("nothing", .double), ParquetColumn("note", .string, .required),
    ])

    /// `rows` rows: a required key, a low-cardinality string, ints and doubles with nulls,
    /// an all-null column and a required high-cardinality string.
    static func mixed(rows: Int, seed: UInt64 = 1) -> [ParquetColumnValues] {
        var rng = SeededRandom(seed: seed)
        let carriers = ["AA", "DL", "UA", "WN", "B6", "ÖA"]
        var ids: [Int64?] = []
        var carrier: [String?] = []
        var delay: [Int32?] = []
        var ratio: [Double?] = []
        var notes: [String?] = []
        for row in 0..<rows {
            ids.append(Int64(row) * 1_000_003 - 5_000_000_000)
            carrier.append(row % 11 == 5 ? nil : carriers[Int.random(in: 0..<carriers.count, using: &rng)])
            delay.append(row % 7 == 3 ? nil : Int32.random(in: -60...600, using: &rng))
            ratio.append(row % 5 == 0 ? nil : row % 17 == 1 ? -0.0 : Double.random(in: -1...1, using: &rng))
            notes.append("row \(row) \(String(repeating: "x", count: row % 13))")
        }
        return [
            .int64(ids), .string(carrier), .int32(delay), .double(ratio), .double(Array(repeating: nil, count: rows)),
            .string(notes),
        ]
    }
}
