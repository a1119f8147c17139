import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// The WHERE compiled per parser (``RowFilter``): IN over small integers as a bit mask, BETWEEN as one range test,
/// both negated, and the shapes that must not be fused, against the reference's direct three-valued evaluation.
@Suite("Compiled WHERE: fused IN masks and BETWEEN ranges agree with the reference")
struct CompiledFilterTests {
    /// Integers well outside `0..<64` on both sides, the mask's edges, integral and fractional doubles, nulls.
    static func csv(seed: UInt64, rows: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var text = "k,c,v\n"
        let special = ["NA", "", "6.0", "7.5", "63.0", "64", "-0", "0", "63", "-1", "-64", "1e1", "65.0", "-6.0"]
        for _ in 0..<rows {
            let k = ["1", "2", "3", "NA"][random.below(4)]
            let c = ["WN", "AA", "", "NA"][random.below(4)]
            let v = random.below(3) == 0 ? special[random.below(special.count)] : "\(random.below(200) - 70)"
            text += "\(k),\(c),\(v)\n"
        }
        return Array(text.utf8)
    }

    static let conditions = [
        "v IN (0, 6, 7, 10, 63)", "v NOT IN (0, 6, 7, 63)", "v IN (6, 6, 7)", "v IN (-1, 6, 7)", "v IN (6, 64)",
        "v IN (6, 7.5)", "v BETWEEN -3 AND 7", "v NOT BETWEEN 2 AND 63", "v BETWEEN 2.5 AND 64",
        "v NOT BETWEEN 9 AND 3",
        "k IN (1, 3) AND v BETWEEN 0 AND 20", "(v IN (1, 2, 3) OR c = 'WN') AND c IS NOT NULL",
        "NOT (v IN (1, 2, 3) OR k = 2)", "v > 5 AND v <= 60.5 AND k <> 2", "c LIKE 'W%' AND v IN (0, 10, 20, 30)",
    ]

    @Test(arguments: conditions, [1, 2])
    func kernelMatchesReference(condition: String, workers: Int) async throws {
        let spec = try AggregateSpec(
            sql: "SELECT k, count(*) AS n, sum(v) AS s, min(v) FROM t WHERE \(condition) GROUP BY k")
        let keptGroups = await expectKernelMatchesReference(
            spec, seeds: 1...3, options: .init(workers: WorkerCount(workers), chunkSize: 512)
        ) {
            Self.csv(seed: $0, rows: 600)
        }
        #expect(keptGroups > 0, "the condition should keep some rows")
    }

    /// The fused shapes are compiled as such (so the test above exercises them), the others are left as leaves.
    @Test(arguments: [
        ("v IN (0, 6, 63)", RowFilter.Kind.inMask, false), ("v NOT IN (0, 6, 63)", .inMask, true),
        ("v BETWEEN -3 AND 7", .range, false), ("v NOT BETWEEN -3 AND 7", .range, true),
        ("v IN (-1, 6)", .any, false), ("v IN (6, 64)", .any, false), ("v BETWEEN 2.5 AND 7", .compare, false),
        ("k = 1 AND v BETWEEN 0 AND 9", .compare, false),
    ])
    func shapesCompileToOneTest(condition: String, kind: RowFilter.Kind, negated: Bool) throws {
        let spec = try AggregateSpec(sql: "SELECT k, count(*) FROM t WHERE \(condition) GROUP BY k")
        let plan = try QueryPlan(
            spec: spec, header: ["k", "c", "v"], dialect: .standard, skipMalformed: false, file: nil)
        let filter = RowFilter(plan: plan)
        defer { filter.deallocate() }
        // The condition's first test below the WHERE list's AND (which a lone fused condition replaces).
        let first = try #require(filter.instructions.first { $0.kind != .all })
        #expect(first.kind == kind)
        #expect(first.negated == negated)
        if condition.hasPrefix("k = 1") { #expect(filter.instructions.map(\.kind) == [.all, .compare, .range]) }
    }

    /// The compiled expressions evaluate lazily where the tree did: a COALESCE operand only after null ones, the right
    /// side only for a non-null left, so a CAST that would fail elsewhere fails exactly when it is reached (the
    /// tree's behaviour, kept; DuckDB fails the `NULLIF(v, v) > CAST(…)` case, it casts the right side eagerly).
    @Test func expressionsEvaluateOnlyWhatTheTreeEvaluated() async throws {
        let csv = "k,v,w\n1,5,1\n1,NA,2\n2,7,NA\n2,3,4\n"
        func count(_ condition: String) async throws -> Int64? {
            let spec = try AggregateSpec(sql: "SELECT count(*) AS n FROM t WHERE \(condition)")
            let table = try await Aggregation.run(from: .bytes(Array(csv.utf8)), spec, options: .init(workers: 1))
                .result
            guard case .int64(let values)? = table["n"]?.values else { return nil }
            return values.first ?? nil
        }
        // w * 1e12 does not fit INTEGER: reached only for the row whose v is null.
        #expect(try await count("COALESCE(v, w, CAST(w * 1e12 AS INTEGER)) > 4") == 2)
        #expect(try await count("NULLIF(v, v) > CAST(w * 1e12 AS INTEGER)") == 0)
        await #expect(throws: AggregationError.self) {
            _ = try await count("COALESCE(v, CAST(w * 1e12 AS INTEGER)) > 0")
        }
        #expect(try await count("COALESCE(NULLIF(v, 5), w, 0) + 1 > 3") == 2)
        #expect(try await count("-(v - w) * 2 <= -4 AND CAST(v AS DOUBLE) / w IS NOT NULL") == 1)
    }
}
