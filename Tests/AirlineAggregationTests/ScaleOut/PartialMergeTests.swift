import Foundation
import ParquetKit
import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

@Suite("Partial results: merge of any split equals one run")
struct PartialMergeTests {
    /// (seed, rows, ranges): includes a header-only input, more ranges than records, and single-range runs.
    static let cases: [(UInt64, Int, Int)] = [
        (1, 0, 3), (2, 1, 4), (3, 40, 1), (4, 40, 7), (5, 300, 2), (6, 300, 16), (7, 1_000, 5), (8, 1_000, 64),
        (9, 2_500, 9),
    ]

    /// In memory (ranged reads capped at 97 bytes) and as a local file (the mapped window path, 512-byte chunks).
    static let storedCases = cases.flatMap { [($0.0, $0.1, $0.2, false), ($0.0, $0.1, $0.2, true)] }

    @Test("plain CSV, random tilings", arguments: storedCases)
    func plainCSV(seed: UInt64, rows: Int, ranges: Int, localFile: Bool) async throws {
        let bytes = ScaleOutSupport.randomCSV(rows: rows, seed: seed)
        let spec = try AggregateSpec(sql: ScaleOutSupport.query)
        let single = try await Aggregation.run(from: .bytes(bytes), spec, options: .init(workers: 2, chunkSize: 700))
        let file = try ScaleOutSupport.TemporaryFile(bytes)
        defer { file.remove() }
        for round in 0..<3 {
            let tiling = ScaleOutSupport.randomTiling(
                size: bytes.count, pieces: ranges, seed: seed &* 31 &+ UInt64(round))
            let input = try localFile ? RangedInput.file(file.path) : .bytes(bytes, name: "t.csv", maximumRead: 97)
            let merged = try await ScaleOutSupport.mapAndMerge(input, tiling, spec)
            ScaleOutSupport.expectSameTable(merged.result, single.result)
            #expect(merged.rowsRead == single.rowsRead)
        }
    }

    @Test("global aggregates and WHERE over ranges", arguments: [(11 as UInt64, 0), (12, 500)])
    func globalAggregate(seed: UInt64, rows: Int) async throws {
        let bytes = ScaleOutSupport.randomCSV(rows: rows, seed: seed)
        let spec = try AggregateSpec(
            sql: "SELECT count(*), sum(Delay), avg(Delay), min(Month) FROM t WHERE Year >= 2001")
        let single = try await Aggregation.run(from: .bytes(bytes), spec)
        let tiling = ScaleOutSupport.randomTiling(size: bytes.count, pieces: 6, seed: seed)
        let merged = try await ScaleOutSupport.mapAndMerge(.bytes(bytes, name: "g.csv"), tiling, spec)
        ScaleOutSupport.expectSameTable(merged.result, single.result)
        #expect(merged.result.rowCount == 1)
    }

    @Test("floating sums are compensated: avg agrees to 1e-12 in any grouping")
    func compensatedSums() async throws {
        // Large and small magnitudes that cancel: a plain double sum loses the small ones depending on the order.
        var text = "K,V\n"
        var random = SeededRandom(seed: 42)
        for index in 0..<4_000 {
            let value = index % 2 == 0 ? 1e15 + random.unit() : -1e15 + random.unit() / 7
            text += "\(index % 3),\(value)\n"
        }
        let bytes = Array(text.utf8)
        let spec = try AggregateSpec(sql: "SELECT K, avg(V) AS a, sum(V) AS s FROM t GROUP BY K")
        let single = try await Aggregation.run(from: .bytes(bytes), spec, options: .init(workers: 3, chunkSize: 300))
        let tiling = ScaleOutSupport.randomTiling(size: bytes.count, pieces: 13, seed: 4)
        let merged = try await ScaleOutSupport.mapAndMerge(.bytes(bytes), tiling, spec)
        ScaleOutSupport.expectSameTable(merged.result, single.result)
    }

    @Test("the partial is plain Parquet: group keys, state columns and versioned metadata")
    func formatIsInspectable() async throws {
        let bytes = Array("Year,Carrier,Delay\n2007,AA,5\n2007,AA,1.5\n2008,NA,NA\n".utf8)
        let spec = try AggregateSpec(sql: "SELECT Year, Carrier, avg(Delay) FROM t GROUP BY Year, Carrier")
        let partial = try await Aggregation.partial(of: .bytes(bytes, name: "f.csv"), spec)
        let reader = try ParquetReader(bytes: try partial.encoded())
        #expect(reader.schema.columns.map(\.name).prefix(5) == ["key0", "key0_text", "key1", "key1_text", "rows"])
        #expect(reader.schema.columns.map(\.name).contains("Delay.double_sum_compensation"))
        let metadata = Dictionary(
            uniqueKeysWithValues: (reader.metadata.keyValueMetadata ?? []).map { ($0.key, $0.value ?? "") })
        #expect(metadata["airline.partial.format"] == "2")
        #expect(metadata["airline.partial.fingerprint"] == QueryFingerprint(spec: spec).hash)
        #expect(try reader.readColumn(named: "rows") == .int64([2, 1]))
        #expect(try reader.readColumn(named: "key1_text") == .string(["AA", nil]))
        #expect(try reader.readColumn(named: "Delay.integer_sum") == .int64([5, 0]))
        #expect(try reader.readColumn(named: "Delay.double_count") == .int64([1, 0]))
    }
}

@Suite("Merge refuses what it cannot merge exactly")
struct PartialMergeRefusalTests {
    static let bytes = ScaleOutSupport.randomCSV(rows: 200, seed: 77, crlf: false)

    func partials(_ sql: String, _ ranges: [Range<Int>]) async throws -> [PartialResult] {
        var result: [PartialResult] = []
        for range in ranges {
            result.append(
                try await Aggregation.partial(
                    of: .bytes(Self.bytes, name: "r.csv"), range: range, try AggregateSpec(sql: sql)))
        }
        return result
    }

    func kind(_ body: () throws -> Void) -> AggregationError.Kind? {
        do {
            try body()
            return nil
        } catch let error as AggregationError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test func anotherQueryIsRefused() async throws {
        let half = Self.bytes.count / 2
        let mine = try await partials(ScaleOutSupport.query, [0..<half])
        let theirs = try await partials(
            ScaleOutSupport.query.replacingOccurrences(of: "avg(Delay)", with: "avg(Year)"), [half..<Self.bytes.count])
        let spec = try AggregateSpec(sql: ScaleOutSupport.query)
        #expect(kind { _ = try Aggregation.merge(mine + theirs, spec) } == .partialMismatch)
        // The same query with another dialect setting is another query too.
        #expect(kind { _ = try Aggregation.merge(mine, spec, options: .init(skipMalformed: true)) } == .partialMismatch)
    }

    @Test func missingDuplicateOrOverlappingRangesAreRefused() async throws {
        let size = Self.bytes.count
        let spec = try AggregateSpec(sql: ScaleOutSupport.query)
        let parts = try await partials(ScaleOutSupport.query, [0..<100, 100..<900, 900..<size, 50..<150])
        #expect(kind { _ = try Aggregation.merge([parts[0], parts[2]], spec) } == .incompletePartials)  // gap
        #expect(kind { _ = try Aggregation.merge([parts[0], parts[1]], spec) } == .incompletePartials)  // end missing
        #expect(
            kind { _ = try Aggregation.merge([parts[0], parts[1], parts[1], parts[2]], spec) } == .incompletePartials)
        #expect(
            kind { _ = try Aggregation.merge([parts[0], parts[3], parts[1], parts[2]], spec) } == .incompletePartials)
        #expect(kind { _ = try Aggregation.merge(Array(parts[0...2]), spec, expecting: 4) } == .incompletePartials)
        #expect(kind { _ = try Aggregation.merge([], spec) } == .incompletePartials)
        #expect(kind { _ = try Aggregation.merge(Array(parts[0...2]), spec, expecting: 3) } == nil)
    }

    @Test func anotherFormatVersionIsRefused() async throws {
        // A real partial with only its version changed: version 1 (before text and distinct states) and a future 3.
        let bytes = Array("k,v\n1,a\n2,b\n".utf8)
        let partial = try await Aggregation.partial(
            of: .bytes(bytes), try AggregateSpec(sql: "SELECT k, count(DISTINCT v) FROM t GROUP BY k"))
        let reader = try ParquetReader(bytes: try partial.encoded())
        for version in ["1", "3"] {
            var options = ParquetWriterOptions()
            options.keyValueMetadata = (reader.metadata.keyValueMetadata ?? []).map {
                $0.key == "airline.partial.format" ? .init(key: $0.key, value: version) : $0
            }
            let names = reader.schema.columns.map(\.name)
            let file = try ParquetWriter.encode(
                schema: reader.schema, columns: try names.map { try reader.readColumn(named: $0) }, options: options)
            #expect(
                kind { _ = try PartialResult(bytes: file, name: "v\(version).partial.parquet") } == .partialMismatch)
        }
        let plain = try ParquetWriter.encode(
            schema: try ParquetSchema([ParquetColumn("x", .int64)]), columns: [.int64([1])])
        #expect(kind { _ = try PartialResult(bytes: plain, name: "result.parquet") } == .partialMismatch)
    }

    @Test func rangesOfGzipAndOutsideTheInputAreRefused() async throws {
        let gzip = Array(
            Data(
                base64Encoded:
                    "H4sICLi1BmsCA3NtYWxsLmNzdgCLTE0s0vHNzyvJ0HFJrMxPgzAdi4pcUnMSK3VcUgvADF4uIwMDcx1DEDTQMUXi+jkCEZxvpKNrrGOCxFUyV9IBcy2AHCNLHUM9Ux0jXi4AXF/G3XcAAAA="
            )!)
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        await #expect(throws: AggregationError.self) {
            _ = try await Aggregation.partial(of: .bytes(gzip, name: "x.csv.gz"), range: 0..<10, spec)
        }
        // The whole gzip input is fine.
        let whole = try await Aggregation.partial(of: .bytes(gzip, name: "x.csv.gz"), spec)
        #expect(whole.rows == 5)
        do {
            _ = try await Aggregation.partial(of: .bytes(gzip, name: "x.csv.gz"), range: 0..<10, spec)
        } catch let error as AggregationError {
            #expect(error.kind == .unsplittableInput)
        }
        do {
            _ = try await Aggregation.partial(of: .bytes(gzip, name: "x.csv.gz"), range: 0..<(gzip.count + 1), spec)
        } catch let error as AggregationError {
            #expect(error.kind == .invalidRange)
        }
    }
}
