import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// `NOT` in WHERE and HAVING: the kernel pushes it down to complemented comparisons; the reference evaluates SQL's
/// three-valued logic directly, so nulls (unknown, never kept, also under NOT) are where the two could differ.
@Suite("NOT: pushed down by the kernel, three-valued in the reference")
struct NegationTests {
    /// Keys with nulls, text with nulls, quotes and a numeric-looking value, numbers with nulls and fractions.
    static func csv(seed: UInt64, rows: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var text = "k,c,v\n"
        for _ in 0..<rows {
            let k = ["1", "2", "3", "NA"][random.below(4)]
            let c = ["WN", "AA", "\"A,B\"", "B6", "NA", "", "2", "W"][random.below(8)]
            let v = ["\(random.below(40) - 5)", "NA", "\(random.below(30)).5", ""][random.below(4)]
            text += "\(k),\(c),\(v)\n"
        }
        return Array(text.utf8)
    }

    static let conditions = [
        "NOT v > 10", "NOT (v > 10 AND c = 'WN')", "NOT (v > 10 OR c LIKE 'A%')", "c NOT IN ('WN', 'AA')",
        "v NOT BETWEEN 0 AND 20", "c NOT LIKE 'W%'", "NOT NOT v < 5", "NOT v IS NULL", "NOT c IS NOT NULL",
        "NOT (k = 1) AND NOT c = '2'", "NOT (v <> 3 OR k IS NULL)", "NOT (c >= 'B' AND (v < 2 OR NOT k = 3))",
        "NOT c = '2.0'", "k = 2 OR NOT (v <= 7.5)",
    ]

    @Test(arguments: conditions)
    func kernelMatchesThreeValuedReference(condition: String) async throws {
        let spec = try AggregateSpec(
            sql: "SELECT k, count(*) AS n, sum(v) AS s, max(v) FROM t WHERE \(condition) GROUP BY k")
        let keptGroups = await expectKernelMatchesReference(
            spec, seeds: 1...3, options: .init(workers: 2, chunkSize: 512)
        ) {
            Self.csv(seed: $0, rows: 400)
        }
        #expect(keptGroups > 0, "the condition should keep some rows")
    }

    @Test func notAndNotLikeInHaving() async throws {
        let csv = "c,k,v\nWN,1,10\nAA,1,NA\nWN,2,30\nUA,2,5\nAA,3,NA\nB6,,7\n"
        func run(_ sql: String) async throws -> ResultTable {
            try await Aggregation.run(from: .bytes(Array(csv.utf8)), try AggregateSpec(sql: sql)).result
        }
        // AA's sum is null: NOT (null > 10) is unknown, so AA is dropped too.
        let notGreater = try await run("SELECT c, sum(v) AS s FROM t GROUP BY c HAVING NOT s > 10")
        #expect(notGreater["c"]?.values == .string(["B6", "UA"]))
        let notLike = try await run("SELECT c, count(*) AS n FROM t GROUP BY c HAVING c NOT LIKE 'W%' AND NOT n > 1")
        #expect(notLike["c"]?.values == .string(["B6", "UA"]))
    }

    @Test(arguments: [
        "SELECT count(*) FROM t WHERE c NOT = 'WN'", "SELECT count(*) FROM t WHERE NOT", "SELECT NOT c FROM t",
        "SELECT count(*) FROM t WHERE c NOT NULL",
    ])
    func malformedNegationsPointAtTheToken(sql: String) {
        #expect(throws: SQLSyntaxError.self) { try AggregateSpec(sql: sql) }
    }
}
