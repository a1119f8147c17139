import Foundation
import ParquetKit
import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

@Suite("Parquet output (round trip through ParquetKit's reader)")
struct ParquetOutputTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [ParquetOutputOptions.Codec.snappy, .uncompressed, .gzip])
    func roundTrip(codec: ParquetOutputOptions.Codec) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("2008.parquet").path
        let csv = AirlineDataGenerator(year: 2008, rows: 3_000, seed: 4).csvBytes()
        let summary = try await Aggregation.run(
            from: .bytes(csv), try AggregateSpec(sql: Aggregation.originalStatement),
            into: .parquet(path, options: .init(codec: codec)))
        #expect(summary.outputFiles == [path])
        let reader = try ParquetReader(path: path)
        #expect(reader.schema.columns.map(\.name) == ["Year", "Month", "DayOfMonth", "avg_ArrDelay", "avg_DepDelay"])
        #expect(reader.schema.columns.map(\.type) == [.int32, .int32, .int32, .double, .double])
        #expect(reader.schema.columns.allSatisfy { $0.repetition == .optional })
        #expect(reader.metadata.numRows == 366)
        #expect(reader.metadata.createdBy?.contains("AirlineAggregation") == true)
        let columns = try reader.readAllColumns()
        for (read, written) in zip(columns, summary.result.columns) {
            switch (read, written.values) {
            case (.int32(let a), .int32(let b)): #expect(a == b)
            case (.double(let a), .double(let b)): #expect(a == b)
            default: Issue.record("type mismatch for \(written.name)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["2008.parquet"])
    }

    @Test(arguments: [ParquetOutputOptions.Codec.zstd, .lz4Raw, .init(rawValue: 42)])
    func unsupportedCodecIsATypedErrorBeforeReading(codec: ParquetOutputOptions.Codec) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        let destinations: [AggregationOutput] = [
            .parquet(folder.appendingPathComponent("out.parquet").path, options: .init(codec: codec)),
            .sparkDirectory(folder.appendingPathComponent("out").path, options: .init(codec: codec)),
        ]
        for destination in destinations {
            // The input does not exist: failing with unsupportedCodec (not inputUnreadable) shows nothing was read.
            await #expect {
                _ = try await Aggregation.run(from: .file("/nonexistent/in.csv"), spec, into: destination)
            } throws: { error in
                guard let error = error as? AggregationError else { return false }
                return error.kind == .unsupportedCodec && error.message.contains(codec.description)
                    && error.message.contains("SNAPPY, UNCOMPRESSED, GZIP")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func codecNamesInParquetSpelling() {
        #expect(ParquetOutputOptions.codec(named: "gzip") == .gzip)
        #expect(ParquetOutputOptions.codec(named: "SNAPPY") == .snappy)
        #expect(ParquetOutputOptions.codec(named: "Uncompressed") == .uncompressed)
        #expect(ParquetOutputOptions.codec(named: "zstd") == .zstd)  // a Parquet codec, not one the writer has
        #expect(ParquetOutputOptions.codec(named: "lz4x") == nil)
        #expect(ParquetOutputOptions.supportedCodecs == [.snappy, .uncompressed, .gzip])
    }

    @Test func sparkDirectoryLayout() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("2008.parquet").path
        let csv = AirlineDataGenerator(year: 2008, rows: 1_000, seed: 4).csvBytes()
        for _ in 0..<2 {  // the second run replaces the directory (Spark's overwrite mode)
            let summary = try await Aggregation.run(
                from: .bytes(csv), try AggregateSpec(sql: Aggregation.originalStatement), into: .sparkDirectory(output))
            let names = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
            #expect(names.count == 2)
            #expect(names.first == "_SUCCESS")
            #expect(names.last?.hasPrefix("part-00000-") == true)
            #expect(names.last?.hasSuffix(".c000.snappy.parquet") == true)
            #expect(try ParquetReader(path: summary.outputFiles[0]).metadata.numRows == 366)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["2008.parquet"])
    }

    @Test func int64AndNullAggregatesRoundTrip() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.parquet").path
        let csv = Array("g,x\n1,5\n1,NA\n2,NA\n".utf8)
        _ = try await Aggregation.run(
            from: .bytes(csv),
            AggregateSpec {
                GroupBy("g")
                Sum("x")
                CountAll()
                Average("x")
            }, into: .parquet(path))
        let columns = try ParquetReader(path: path).readAllColumns()
        guard columns.count == 4, case .int64(let sums) = columns[1], case .int64(let counts) = columns[2],
            case .double(let averages) = columns[3]
        else {
            Issue.record("unexpected columns \(columns)")
            return
        }
        #expect(sums == [5, nil])
        #expect(counts == [2, 1])
        #expect(averages == [5, nil])
    }
}
