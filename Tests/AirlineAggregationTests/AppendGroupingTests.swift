import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// Appending rows and folding equal keys at the end (``GroupTable/appendRows()``,
/// ``GroupTable/foldDuplicateKeys()``) must give the result that looking keys up gives, for every key type,
/// null, aggregate, worker split and ORDER BY / HAVING / LIMIT around it.
@Suite("Grouping by appending rows and folding equal keys")
struct AppendGroupingTests {
    /// Queries, and whether the reference aggregator models them (it has no ORDER BY, LIMIT, HAVING or
    /// arithmetic over aggregates: those are compared with lookups only).
    static let queries: [(String, Bool)] = [
        (
            "SELECT k, t, count(*) AS n, sum(v) AS s, avg(w) AS a, min(v), max(w), min(t), max(t), count(t) FROM x "
                + "GROUP BY k, t", true
        ),
        ("SELECT count(*) AS n, sum(v) AS s, min(t) AS lo FROM x", true),
        ("SELECT t, count(*) AS n, avg(v) AS a FROM x GROUP BY t ORDER BY n DESC, t LIMIT 7 OFFSET 1", false),
        (
            "SELECT k, t, sum(v) AS s FROM x WHERE w > 2 GROUP BY t, k HAVING count(*) > 1 ORDER BY s DESC NULLS LAST",
            false
        ),
        ("SELECT w, k, count(*) AS n, sum(v) / count(*) AS mean FROM x GROUP BY w, k", false),
    ]

    static let cases: [(UInt64, Int, Int)] = [21, 22].flatMap { seed in
        queries.indices.flatMap { query in [1, 3].map { (seed, query, $0) } }
    }

    static func options(_ grouping: GroupingMode, workers: Int) -> AggregationOptions {
        var options = AggregationOptions(workers: WorkerCount(workers), chunkSize: 512)
        options.grouping = grouping
        return options
    }

    @Test("appending agrees with lookups and with the reference aggregator", arguments: cases)
    func agreesWithLookupAndReference(seed: UInt64, query: Int, workers: Int) async throws {
        let (sql, referenceModelsIt) = Self.queries[query]
        let bytes = QueryBreadthTests.csv(rows: 600, seed: seed)
        let spec = try AggregateSpec(sql: sql)
        let appended = try await Aggregation.run(
            from: .bytes(bytes), spec, options: Self.options(.append, workers: workers))
        let looked = try await Aggregation.run(
            from: .bytes(bytes), spec, options: Self.options(.lookup, workers: workers))
        #expect(appended.result.rowCount > 0)
        #expect(tablesMatch(appended.result, looked.result, tolerance: 1e-12), "\(sql)")
        guard referenceModelsIt else { return }
        guard case .table(let expected, _, _) = ReferenceAggregator().run(bytes, spec) else {
            Issue.record("the reference failed")
            return
        }
        #expect(tablesMatch(appended.result, expected), "\(sql)")
    }

    /// Three INT32 keys over their whole range need 3 × 33 bits: too wide for one packed word, so the fold sorts
    /// per-key codes instead.
    @Test(arguments: [1, 2])
    func foldsKeysTooWideToPack(workers: Int) async throws {
        var random = SeededRandom(seed: 5)
        var text = "a,b,c,v\n"
        var rows: [String] = []
        for _ in 0..<300 {
            let key = (0..<3).map { _ in String(Int64(random.below(1 << 32)) - (1 << 31)) }
            rows.append(key.joined(separator: ","))
        }
        var used = Set<String>()
        for index in 0..<1_500 {
            let row = rows[random.below(rows.count)]
            used.insert(row)
            text += "\(row),\(index % 17 == 0 ? "" : String(index % 50))\n"
        }
        let bytes = Array(text.utf8)
        let spec = try AggregateSpec(
            sql: "SELECT a, b, c, count(*) AS n, sum(v) AS s, max(v) AS hi FROM t GROUP BY a, b, c")
        let appended = try await Aggregation.run(
            from: .bytes(bytes), spec, options: Self.options(.append, workers: workers))
        let looked = try await Aggregation.run(
            from: .bytes(bytes), spec, options: Self.options(.lookup, workers: workers))
        #expect(appended.result == looked.result)
        #expect(appended.result.rowCount == used.count)
    }

    /// The fold's key order is the order finalisation would sort into; groups are compacted with their values.
    @Test func foldSetsTheKeyOrderFinalisationUses() throws {
        let table = GroupTable(keyCount: 2, valueCount: 1)
        table.appendRows()
        var random = SeededRandom(seed: 9)
        var expectedRows: [[Int64]: Int64] = [:]
        for _ in 0..<5_000 {
            let spelling = Array("k\(random.below(30))".utf8)
            let id = spelling.withUnsafeBufferPointer { table.texts.intern($0.baseAddress!, count: $0.count) }
            var key: [Int64] = [
                random.below(7) == 0 ? GroupTable.nullKey : Int64(random.below(40)) - 20,
                GroupTable.textBase + Int64(id),
            ]
            let group = key.withUnsafeMutableBufferPointer { table.group(for: $0.baseAddress!) }
            table.countRow(group: group)
            expectedRows[key, default: 0] += 1
        }
        table.foldDuplicateKeys()
        #expect(!table.appendsRows)
        #expect(table.groupCount == expectedRows.count)
        for group in 0..<table.groupCount {
            #expect(table.rowCount(of: group) == expectedRows[[table.key(0, of: group), table.key(1, of: group)]])
        }
        let folded = try #require(table.keyOrder)
        table.keyOrder = nil
        let spec = try AggregateSpec(sql: "SELECT a, b, count(*) FROM t GROUP BY a, b")
        #expect(folded == Finalizer.sortedGroups(spec: spec, groups: table, aggregates: []))
        // After the fold, new keys are looked up again (not duplicated).
        var again: [Int64] = [table.key(0, of: 0), table.key(1, of: 0)]
        #expect(again.withUnsafeMutableBufferPointer { table.group(for: $0.baseAddress!) } == 0)
    }

    @Test func switchesOnlyWhereKeysKeepBeingNew() {
        /// The choice after each (rows, groups) reading of one worker.
        func choices(_ mode: GroupingMode, canAppend: Bool = true, _ readings: [(Int, Int)]) -> [Bool] {
            var choice = GroupingChoice(mode: mode, canAppend: canAppend)
            return readings.map { choice.shouldAppend(rows: $0.0, groups: $0.1) }
        }
        // Nearly every key new: not judged before the minimum rows, then a switch.
        #expect(choices(.automatic, [(200_000, 199_000), (450_000, 448_000)]) == [false, true])
        // Keys that repeat: most rows of the later chunk found their group.
        #expect(choices(.automatic, [(300_000, 250_000), (500_000, 330_000)]) == [false, false])
        // The share is of the latest chunk, not of all rows so far.
        #expect(choices(.automatic, [(300_000, 30_000), (500_000, 229_000)]) == [false, true])
        #expect(choices(.automatic, canAppend: false, [(500_000, 500_000)]) == [false])
        #expect(choices(.lookup, [(500_000, 500_000)]) == [false])
        #expect(GroupingChoice(mode: .append, canAppend: true).appendsFromStart)
        #expect(!GroupingChoice(mode: .append, canAppend: false).appendsFromStart)
    }
}
