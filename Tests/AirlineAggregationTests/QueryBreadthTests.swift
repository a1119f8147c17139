import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

@Suite("count(DISTINCT), min/max over text, expressions in WHERE, CAST/COALESCE/NULLIF")
struct QueryBreadthTests {
    /// Small random CSV: an integer key, a text column (quoted delimiters and doubled quotes, unicode, numerals
    /// spelled two ways, `NA`/empty/quoted nulls), an integer and a decimal column with nulls; LF or CRLF.
    static func csv(rows: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        let newline = random.below(2) == 0 ? "\r\n" : "\n"
        let texts = [
            "WN", "\"a,b\"", "\"q\"\"x\"", "é", "中文", "NA", "", "\"NA\"", "01", "1", "zz", "\"WN\"", "Zürich", "🛫",
        ]
        var text = "k,t,v,w" + newline
        for _ in 0..<rows {
            let key = random.below(12) == 0 ? "NA" : String(1 + random.below(5))
            let value = random.below(9) == 0 ? "NA" : String(random.below(21) - 3)
            let decimal: String
            switch random.below(6) {
            case 0: decimal = ""
            case 1: decimal = String(random.below(10))
            default: decimal = "\(random.below(40)).\(random.below(10))"
            }
            text += "\(key),\(texts[random.below(texts.count)]),\(value),\(decimal)" + newline
        }
        return Array(text.utf8)
    }

    static let referenceQueries = [
        "SELECT k, count(DISTINCT t) AS d, min(t) AS lo, max(t) AS hi, count(t) AS c FROM x GROUP BY k",
        "SELECT t, count(DISTINCT v) AS dv, count(DISTINCT w) AS dw, min(v), max(w) FROM x GROUP BY t",
        "SELECT count(*), count(DISTINCT k), min(t), max(t) FROM x WHERE v - w > 3 OR COALESCE(w, 0) * 2 < v",
        "SELECT k, count(*) FROM x WHERE CAST(w AS INTEGER) BETWEEN 1 AND 20 AND NULLIF(v, 7) IS NOT NULL GROUP BY k",
        "SELECT k, count(*) AS n FROM x WHERE (v + 1) / 2 >= w AND NOT (k IN (1, 2)) GROUP BY k",
        "SELECT k, max(t), count(*) FROM x WHERE v > w OR -v >= CAST(w AS DOUBLE) - 40 GROUP BY k",
    ]

    static let cases: [(UInt64, String)] = [11, 12, 13].flatMap { seed in referenceQueries.map { (seed, $0) } }

    @Test("the kernel agrees with the reference aggregator", arguments: cases)
    func agreesWithReference(seed: UInt64, sql: String) async throws {
        let bytes = Self.csv(rows: 400, seed: seed)
        let spec = try AggregateSpec(sql: sql)
        let expected = ReferenceAggregator().run(bytes, spec)
        let kernel = try await Aggregation.run(from: .bytes(bytes), spec, options: .init(workers: 3, chunkSize: 256))
        guard case .table(let table, _, _) = expected else {
            Issue.record("the reference failed: \(expected)")
            return
        }
        #expect(tablesMatch(kernel.result, table), "\(kernel.result) vs \(table)")
    }

    @Test("distinct sets and text extremes merge through partial results", arguments: cases)
    func mergesThroughPartials(seed: UInt64, sql: String) async throws {
        let bytes = Self.csv(rows: 300, seed: seed)
        let spec = try AggregateSpec(sql: sql)
        let single = try await Aggregation.run(from: .bytes(bytes), spec)
        let tiling = ScaleOutSupport.randomTiling(size: bytes.count, pieces: 7, seed: seed)
        let merged = try await ScaleOutSupport.mapAndMerge(.bytes(bytes, name: "b.csv"), tiling, spec)
        ScaleOutSupport.expectSameTable(merged.result, single.result)
    }

    static let small = "k,t,v,w\n1,b,3,2.5\n1,\"a\",4,NA\n2,zz,5,1\n2,zz,,3\n1,,7,7\n2,\"q\"\"x\",10,2\n"

    static func run(_ sql: String, _ csv: String = small) async throws -> ResultTable {
        try await Aggregation.run(
            from: .bytes(Array(csv.utf8)), try AggregateSpec(sql: sql), options: .init(workers: 2)
        )
        .result
    }

    @Test func castCoalesceAndNullIfInTheSelectList() async throws {
        let table = try await Self.run(
            """
            SELECT k, CAST(avg(w) AS INTEGER) AS ci, CAST(k AS VARCHAR) AS kv, COALESCE(min(w), -1) AS c,
                   NULLIF(count(v), 3) AS n, CAST(sum(v) AS DOUBLE) AS d, CAST(max(w) AS BIGINT) AS b
            FROM t GROUP BY k
            """)
        #expect(table["ci"]?.values == .int64([5, 2]))  // avg(w) 4.75 and 2
        #expect(table["kv"]?.values == .string(["1", "2"]))
        #expect(table["c"]?.values == .double([2.5, 1]))
        #expect(table["n"]?.values == .int64([nil, 2]))
        #expect(table["d"]?.values == .double([14, 15]))
        #expect(table["b"]?.values == .int64([7, 3]))
    }

    @Test func castRoundsHalfToEvenAndFailsOutOfRange() async throws {
        let csv = "k,w\n1,2.5\n2,3.5\n3,-0.5\n4,3000000000\n"
        let rounded = try await Self.run("SELECT k, CAST(max(w) AS BIGINT) AS r FROM t GROUP BY k", csv)
        #expect(rounded["r"]?.values == .int64([2, 4, 0, 3_000_000_000]))
        await #expect(throws: AggregationError.self) {
            _ = try await Self.run("SELECT k, CAST(max(w) AS INTEGER) AS r FROM t GROUP BY k", csv)
        }
        await #expect(throws: AggregationError.self) {
            _ = try await Self.run("SELECT count(*) FROM t WHERE CAST(w AS INTEGER) > 0", csv)
        }
    }

    @Test func expressionsInWhere() async throws {
        let cases: [(String, Int64)] = [
            ("v - w > 0 OR v IS NULL", 4),
            ("(v - w) * 2 > 1 AND CAST(w AS INTEGER) IN (2, 1, 3) AND COALESCE(v, 0) BETWEEN 0 AND 100", 2),
            ("NULLIF(v, 3) IS NULL", 2),
            ("v > w", 3),  // a comparison between columns; w's NA makes row 2 unknown
            ("NOT (v + w BETWEEN 5 AND 12)", 1),
            ("w / 0 > 1000", 5),  // +infinity
        ]
        for (condition, expected) in cases {
            let table = try await Self.run("SELECT count(*) AS n FROM t WHERE \(condition)")
            #expect(table["n"]?.values == .int64([expected]), "\(condition)")
        }
    }

    @Test func countDistinctComparesNumbersByValueAndTextByBytes() async throws {
        let csv = "k,x\n1,1\n1,1.0\n1,01\n1,\"1\"\n1,a\n1,\"a\"\n1,A\n1,NA\n1,\n2,2.5\n2,2.50\n"
        let table = try await Self.run("SELECT k, count(DISTINCT x) AS d, count(x) AS c FROM t GROUP BY k", csv)
        #expect(table["d"]?.values == .int64([3, 1]))  // {1, a, A}, {2.5}
        #expect(table["c"]?.values == .int64([7, 2]))
    }

    @Test func minAndMaxOverAColumnWithTextCompareSpellings() async throws {
        // One non-number makes the column text: 10 < 9 as spellings, in every group.
        let csv = "k,x\n1,9\n1,10\n2,abc\n2,7\n3,NA\n"
        let table = try await Self.run("SELECT k, min(x) AS lo, max(x) AS hi, count(x) AS c FROM t GROUP BY k", csv)
        #expect(table["lo"]?.values == .string(["10", "7", nil]))
        #expect(table["hi"]?.values == .string(["9", "abc", nil]))
        #expect(table["c"]?.values == .int64([2, 2, 0]))
        let numbers = try await Self.run("SELECT k, min(x) AS lo FROM t WHERE k = 1 GROUP BY k", csv)
        #expect(numbers["lo"]?.values == .int64([9]))  // only numbers left: numeric
    }
}
