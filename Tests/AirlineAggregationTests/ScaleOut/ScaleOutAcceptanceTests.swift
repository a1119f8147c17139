import Foundation
import SyntheticAirlineData
import TestSupport
import Testing

@testable import AirlineAggregation

/// The acceptance test of the scale-out: one query over several files, mapped over 1, 2, 8 and 64 ranges per
/// file (plain CSV and .bz2, read from disk) and merged, equals one run over all the rows.
@Suite("Scale-out acceptance: map over ranges of several files + merge == one run")
struct ScaleOutAcceptanceTests {
    static let years = [2006, 2007, 2008]

    static func files(compressed: Bool) async throws -> (folder: URL, paths: [String], allRows: [UInt8]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        var allRows = Array((AirlineDataGenerator.header.joined(separator: ",") + "\n").utf8)
        for year in years {
            let csv = AirlineDataGenerator(year: year, rows: 12_000, seed: UInt64(year)).csvBytes()
            allRows += csv.drop { $0 != 0x0A }.dropFirst()
            let path = folder.appendingPathComponent("\(year).csv" + (compressed ? ".bz2" : "")).path
            let bytes = compressed ? try await ExternalBzip2.compress(csv, level: 1) : csv
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return (folder, paths, allRows)
    }

    @Test(arguments: [false, true])
    func severalFilesManyRanges(compressed: Bool) async throws {
        let (folder, paths, allRows) = try await Self.files(compressed: compressed)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try AggregateSpec(
            sql: """
                SELECT Year, Month, DayOfMonth, avg(ArrDelay) AS avg_ArrDelay, avg(DepDelay) AS avg_DepDelay,
                       count(*) AS flights, sum(Cancelled) AS cancelled, min(DepDelay) AS lo, max(ArrDelay) AS hi
                FROM airlines GROUP BY Year, Month, DayOfMonth
                """)
        let single = try await Aggregation.run(from: .bytes(allRows), spec)
        let inputs = try paths.map { try RangedInput.file($0) }
        for tasksPerFile in [1, 2, 8, 64] {
            var partials: [PartialResult] = []
            for input in inputs {
                for range in ScaleOutSupport.evenTiling(size: input.size, pieces: tasksPerFile) {
                    let partial = try await Aggregation.partial(
                        of: input, range: tasksPerFile == 1 ? nil : range, spec, options: .init(workers: 2))
                    partials.append(try PartialResult(bytes: try partial.encoded(), name: input.name))
                }
            }
            let merged = try Aggregation.merge(partials, spec, expecting: partials.count)
            ScaleOutSupport.expectSameTable(merged.result, single.result)
            #expect(merged.rowsRead == Self.years.count * 12_000)
            // Counts and integer sums are exact, not merely close.
            #expect(merged.result["flights"] == single.result["flights"])
            #expect(merged.result["cancelled"] == single.result["cancelled"])
        }
    }

    @Test("one query over a list of whole inputs, in one process: run(over:) == one run")
    func runOverManyInputs() async throws {
        let (folder, paths, allRows) = try await Self.files(compressed: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        let single = try await Aggregation.run(from: .bytes(allRows), spec)
        let inputs = try paths.map { try RangedInput.file($0) }
        let many = try await Aggregation.run(over: inputs, spec)
        ScaleOutSupport.expectSameTable(many.result, single.result)
        #expect(many.rowsRead == Self.years.count * 12_000)
        await #expect(throws: AggregationError.self) { _ = try await Aggregation.run(over: inputs + inputs, spec) }
    }
}
