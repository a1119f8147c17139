import Testing
@testable import AirlineAggregation

/// Defects found by the DuckDB differential harness (`Tools/differential/`), one regression test each.
@Suite("Differential regressions (issue 21)")
struct DifferentialRegressionTests {
    static func run(_ sql: String, _ csv: String, workers: Int = 2) async throws -> ResultTable {
        try await Aggregation.run(from: .bytes(Array(csv.utf8), name: "t.csv"), try AggregateSpec(sql: sql),
                                  options: .init(workers: WorkerCount(workers))).result
    }

    // 1. count(*) finalisation read every group's count through an accessor that copied all counts: O(groups²).
    // A million groups took hours; linear finalisation takes seconds even in a debug build.
    @Test(.timeLimit(.minutes(1)))
    func countStarOverAMillionGroupsIsLinear() async throws {
        let groups = 1_000_000
        var csv: [UInt8] = Array("k,v\n".utf8)
        csv.reserveCapacity(groups * 10)
        for key in 0..<groups {
            csv += Array(String(key).utf8)
            csv += [UInt8(ascii: ","), UInt8(ascii: "1"), 0x0A]
        }
        let spec = try AggregateSpec(sql: "SELECT k, count(*) AS n, count(v) AS c FROM t GROUP BY k")
        let table = try await Aggregation.run(from: .bytes(csv), spec, options: .init(workers: 2)).result
        #expect(table.rowCount == groups)
        guard case .int64(let counts)? = table["n"]?.values else {
            Issue.record("count(*) is not INT64")
            return
        }
        #expect(counts.allSatisfy { $0 == 1 })
        #expect(table["c"]?.values == table["n"]?.values)
    }
}
