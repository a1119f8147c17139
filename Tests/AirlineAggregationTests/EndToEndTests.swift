import Foundation
import Testing

@testable import AirlineAggregation
@testable import SyntheticAirlineData

@Suite("End to end on generated airline data")
struct EndToEndTests {
    static let sample = AirlineDataGenerator(year: 2008, rows: 20_000, seed: 5).csvBytes()

    @Test(arguments: [1, 2, 3])
    func originalQueryMatchesTheReference(workers: Int) async throws {
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        let expected = ReferenceAggregator().run(Self.sample, spec)
        let got = await kernelOutcome(
            Self.sample, spec, options: .init(workers: WorkerCount(workers), chunkSize: 40_000))
        #expect(outcomesAgree(got, expected))
        guard case .table(let table, let rows, _) = got else { return }
        #expect(rows == 20_000)
        #expect(table.rowCount == 366)  // 2008 is a leap year
        #expect(table.columns.map(\.name) == ["Year", "Month", "DayOfMonth", "avg_ArrDelay", "avg_DepDelay"])
    }

    @Test func richerQueryMatchesTheReference() async throws {
        let spec = try AggregateSpec(
            sql: """
                SELECT Month, DayOfWeek, count(*) AS flights, count(ArrDelay) AS arrived, sum(Cancelled) AS cancelled,
                       min(DepDelay), max(ArrDelay), avg(Distance), count(TailNum)
                FROM airlines GROUP BY Month, DayOfWeek
                """)
        let expected = ReferenceAggregator().run(Self.sample, spec)
        let got = await kernelOutcome(Self.sample, spec, options: .init(workers: 2, chunkSize: 10_000))
        #expect(outcomesAgree(got, expected))
    }

    @Test func fileSourceAndStreamSourceAgree() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try AirlineDataGenerator(year: 2007, rows: 5_000, seed: 9).write(to: path)
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        let fromFile = try await Aggregation.run(from: .file(path), spec, options: .init(workers: 2, chunkSize: 4_096))
        #expect(fromFile.bytesRead == written)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let pieces = stride(from: 0, to: bytes.count, by: 1_000).map { Array(bytes[$0..<min($0 + 1_000, bytes.count)]) }
        let stream = AsyncStream<[UInt8]> { continuation in
            for piece in pieces { continuation.yield(piece) }
            continuation.finish()
        }
        let fromStream = try await Aggregation.run(from: .stream(stream, name: "stream"), spec)
        #expect(fromStream.result == fromFile.result)
        #expect(fromFile.rowsRead == 5_000)
    }

    @Test func sparkLayoutIsAtomicAndComplete() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("2008.parquet").path
        do {
            let summary = try await Aggregation.run(
                from: .bytes(Self.sample), try AggregateSpec(sql: Aggregation.originalStatement),
                into: .sparkDirectory(output))
            let names = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
            #expect(names.count == 2)
            #expect(names.first == "_SUCCESS")
            #expect(names.last?.hasPrefix("part-00000-") == true)
            #expect(names.last?.hasSuffix(".c000.snappy.parquet") == true)
            #expect(summary.outputFiles.count == 2)
        } catch let error as AggregationError {
            #expect(error.kind == .outputUnwritable)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}

@Suite("Synthetic data generator")
struct GeneratorTests {
    @Test func deterministicForASeed() {
        let a = AirlineDataGenerator(year: 2007, rows: 3_000, seed: 1).csvBytes()
        let b = AirlineDataGenerator(year: 2007, rows: 3_000, seed: 1).csvBytes()
        let c = AirlineDataGenerator(year: 2007, rows: 3_000, seed: 2).csvBytes()
        #expect(a == b)
        #expect(a != c)
    }

    @Test func schemaFaithfulRows() throws {
        let records = try ReferenceTokenizer().records(
            AirlineDataGenerator(year: 2007, rows: 50_000, seed: 3).csvBytes())
        #expect(records.count == 50_001)
        let header = records[0].fields.map { String(decoding: $0, as: UTF8.self) }
        #expect(header == AirlineDataGenerator.header)
        #expect(header.count == 29)
        let rows = records.dropFirst().map { $0.fields.map { String(decoding: $0, as: UTF8.self) } }
        #expect(rows.allSatisfy { $0.count == 29 })
        let cancelled = rows.filter { $0[21] == "1" }
        let share = Double(cancelled.count) / Double(rows.count)
        #expect(share > 0.015 && share < 0.025)
        #expect(cancelled.allSatisfy { $0[14] == "NA" && $0[15] == "NA" && $0[4] == "NA" && !$0[22].isEmpty })
        // Ordered by date, and the weekday matches the calendar (2007-01-01 was a Monday).
        let dates = rows.map { (Int($0[0])!, Int($0[1])!, Int($0[2])!) }
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(rows.first?[3] == "1")
        #expect(Set(dates.map { "\($0.1)-\($0.2)" }).count == 365)
        let delays = rows.compactMap { Int($0[15]) }
        let mean = Double(delays.reduce(0, +)) / Double(delays.count)
        #expect(mean > 2 && mean < 20)
        #expect(delays.max()! > 120)
        #expect(delays.min()! < 0)
    }

    @Test func weekdayFormula() {
        #expect(AirlineDataGenerator.weekday(year: 2007, month: 1, day: 1) == 1)
        #expect(AirlineDataGenerator.weekday(year: 2008, month: 2, day: 29) == 5)
        #expect(AirlineDataGenerator.weekday(year: 1987, month: 10, day: 1) == 4)
    }
}
