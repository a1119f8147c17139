import Foundation
import ParquetKit
import Testing

@testable import AirlineAggregation

@Suite("Text group keys")
struct TextKeyTests {
    static let csv = """
        Carrier,Origin,Delay
        WN,SFO,10
        "WN",SFO,20
        AA,"S""F",5
        "A,A",LAX,1
        ,LAX,7
        NA,LAX,3
        ünï,SFO,-4
        AA,"S""F",15

        """

    static func run(_ sql: String, _ csv: String = csv, options: AggregationOptions = .init(workers: 2))
        async throws -> ResultTable
    {
        try await Aggregation.run(from: .bytes(Array(csv.utf8)), try AggregateSpec(sql: sql), options: options).result
    }

    @Test(arguments: [1, 2, 3])
    func groupsByTextWithQuotingNullsAndUnicode(workers: Int) async throws {
        let table = try await Self.run(
            "SELECT Carrier, count(*) AS n, avg(Delay) AS d FROM t GROUP BY Carrier",
            options: .init(workers: WorkerCount(workers), chunkSize: 16))
        // Null first, then byte order: "A,A" < "AA" < "WN" < "ünï".
        #expect(table["Carrier"]?.values == .string([nil, "A,A", "AA", "WN", "ünï"]))
        #expect(table["n"]?.values == .int64([2, 1, 2, 2, 1]))
        #expect(table["d"]?.values == .double([5, 1, 10, 15, -4]))
    }

    @Test func textAndNumberKeysTogether() async throws {
        let csv = "k,c,v\n2,WN,1\n1,WN,2\n2,AA,3\n2,WN,4\n"
        let table = try await Self.run("SELECT c, k, sum(v) AS s FROM t GROUP BY c, k ORDER BY c DESC", csv)
        #expect(table["c"]?.values == .string(["WN", "WN", "AA"]))
        #expect(table["k"]?.values == .int32([1, 2, 2]))
        #expect(table["s"]?.values == .int64([2, 5, 3]))
    }

    /// Every worker interns its own keys; the merge translates them, so the groups are the same for any split.
    @Test func manyDistinctTextKeysAcrossWorkers() async throws {
        var text = "id,v\n"
        for index in 0..<20_000 { text += "N\(index % 5_000)X,\(index)\n" }
        let one = try await Self.run(
            "SELECT id, count(*) AS n, sum(v) AS s FROM t GROUP BY id", text,
            options: .init(workers: 1))
        let three = try await Self.run(
            "SELECT id, count(*) AS n, sum(v) AS s FROM t GROUP BY id", text,
            options: .init(workers: 3, chunkSize: 4096))
        #expect(one == three)
        #expect(one.rowCount == 5_000)
        #expect(one["n"]?.values == .int64(Array(repeating: 4, count: 5_000)))
        guard case .string(let ids)? = one["id"]?.values else {
            Issue.record("id is not text")
            return
        }
        #expect(ids == ids.sorted { Array($0!.utf8).lexicographicallyPrecedes(Array($1!.utf8)) })
    }

    @Test func aKeyThatIsAlsoSummedMustBeNumeric() async {
        do {
            _ = try await Self.run("SELECT Carrier, sum(Carrier) FROM t GROUP BY Carrier")
            Issue.record("text summed")
        } catch let error as AggregationError {
            #expect(error.kind == .invalidNumber)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func writesUtf8StringColumnsWithStatistics() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("carriers.parquet").path
        let summary = try await Aggregation.run(
            from: .bytes(Array(Self.csv.utf8)),
            try AggregateSpec(sql: "SELECT Origin, Carrier, count(*) AS n FROM t GROUP BY Origin, Carrier"),
            into: .parquet(path))
        let reader = try ParquetReader(path: path)
        #expect(reader.schema.columns.map(\.type) == [.string, .string, .int64])
        let columns = try reader.readAllColumns()
        guard case .string(let origins) = columns[0], case .string(let carriers) = columns[1] else {
            Issue.record("not string columns")
            return
        }
        #expect(
            .string(origins)
                == summary.result["Origin"].map { column -> ParquetColumnValues in
                    guard case .string(let values) = column.values else { return .int32([]) }
                    return .string(values)
                })
        #expect(carriers.contains("A,A") && carriers.contains(nil) && origins.contains("S\"F"))
        let chunk = reader.metadata.rowGroups[0].columns[0].metaData
        #expect(chunk?.statistics?.minValue == Array("LAX".utf8))
        #expect(chunk?.statistics?.maxValue == Array("SFO".utf8))
    }
}
