import Foundation
import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// nycflights13-style data (`NA` for missing, quoted `time_hour`, optionally every text column quoted) through the
/// kernel's SQL path, against the reference aggregator. `Tools/differential/nycflights.py` runs the same kind of
/// queries against DuckDB on the full-size table and on the real one.
@Suite("nycflights13-style data")
struct NYCFlightsTests {
    static let plain = NYCFlightsGenerator(rows: 6_000, seed: 3).csvBytes()
    static let quoted = NYCFlightsGenerator(rows: 6_000, seed: 3, quotesAllText: true).csvBytes()

    static let queries = [
        "SELECT year, month, day, avg(arr_delay) AS a, avg(dep_delay) AS d FROM flights GROUP BY year, month, day",
        "SELECT carrier, count(*) AS n, count(dep_delay) AS departed, min(arr_delay) AS lo, max(arr_delay) AS hi, "
            + "sum(distance) AS miles FROM flights GROUP BY carrier",
        "SELECT origin, dest, count(*) AS n, avg(air_time) AS air FROM flights GROUP BY origin, dest",
        "SELECT tailnum, count(*) AS n, sum(arr_delay) AS late FROM flights GROUP BY tailnum",
        "SELECT carrier, count(DISTINCT tailnum) AS planes, count(DISTINCT dest) AS places FROM flights "
            + "GROUP BY carrier",
        "SELECT origin, hour, count(*) AS n FROM flights WHERE dep_delay > 60 GROUP BY origin, hour",
        "SELECT month, min(time_hour) AS first, max(time_hour) AS last, count(*) AS n FROM flights "
            + "WHERE dep_time IS NULL GROUP BY month",
    ]

    @Test(arguments: queries, [false, true])
    func kernelMatchesTheReference(sql: String, quotesAllText: Bool) async throws {
        let bytes = quotesAllText ? Self.quoted : Self.plain
        let spec = try AggregateSpec(sql: sql)
        let expected = ReferenceAggregator().run(bytes, spec)
        guard case .table(let table, let rows, _) = expected else {
            Issue.record("the reference failed: \(expected)")
            return
        }
        #expect(rows == 6_000)
        #expect(table.columns.first.map { $0.values.count > 1 } == true, "a query with one group tests little")
        // Small chunks: several per worker, so the workers' partial states are merged.
        let got = await kernelOutcome(bytes, spec, options: .init(workers: 2, chunkSize: 48 << 10))
        #expect(outcomesAgree(got, expected), "\(sql)")
    }

    /// The generator writes the documented shape: the header, 19 fields per row, `NA` in the delay columns of
    /// cancelled flights, `time_hour` quoted and matching the row's date and hour, rows in date order.
    @Test func generatedRowsHaveTheFlightsShape() throws {
        let text = String(decoding: Self.plain, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.removeLast() == "")
        #expect(lines.removeFirst() == NYCFlightsGenerator.header.joined(separator: ","))
        #expect(lines.count == 6_000)
        var previous = (0, 0)
        var cancelled = 0
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 19)
            guard fields.count == 19, let month = Int(fields[1]), let day = Int(fields[2]), let hour = Int(fields[16])
            else { continue }
            #expect((month, day) >= previous)
            previous = (month, day)
            let stamp = String(format: "\"2013-%02d-%02d %02d:00:00\"", month, day, hour)
            #expect(fields[18] == stamp)
            if fields[3] == "NA" {
                cancelled += 1
                #expect(fields[5] == "NA" && fields[8] == "NA" && fields[14] == "NA")
            }
        }
        #expect(cancelled > 60 && cancelled < 300, "about 2.5 % cancelled: \(cancelled)")
        let quotedLine = String(decoding: Self.quoted, as: UTF8.self).split(separator: "\n")[1]
        #expect(quotedLine.split(separator: ",")[9].hasPrefix("\""))
    }

    /// `write(to:)` goes through a temporary file: the result is complete and nothing else is left behind; a
    /// folder that does not exist is a typed error.
    @Test func writeRenamesACompleteFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("flights.csv").path
        let written = try NYCFlightsGenerator(rows: 500, seed: 1).write(to: path)
        #expect(written == NYCFlightsGenerator(rows: 500, seed: 1).csvBytes().count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["flights.csv"])
        #expect(throws: AirlineDataGenerator.FileNotCreated.self) {
            try NYCFlightsGenerator(rows: 5).write(to: folder.appendingPathComponent("missing/flights.csv").path)
        }
    }
}
