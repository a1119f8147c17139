import Testing

@testable import AirlineAggregation

@Suite("Aggregation and SQL null semantics")
struct AggregationTests {
    static let csv = Array(
        """
        g,x,y
        1,1,NA
        1,2,NA
        2,NA,NA
        2,NA,1.5
        3,5,2
        ,4,4

        """.utf8)

    static func run(_ spec: AggregateSpec, _ csv: [UInt8] = csv) async throws -> ResultTable {
        try await Aggregation.run(from: .bytes(csv), spec, options: .init(workers: 2)).result
    }

    @Test func allNullGroupsGiveNullNotZeroOrNaN() async throws {
        let table = try await Self.run(
            AggregateSpec {
                GroupBy("g")
                Average("x")
                Sum("x")
                Min("x")
                Max("x")
                Count("x")
                CountAll()
            })
        #expect(table["g"]?.values == .int32([nil, 1, 2, 3]))  // null key sorts first
        #expect(table["avg(x)"]?.values == .double([4, 1.5, nil, 5]))
        #expect(table["sum(x)"]?.values == .int64([4, 3, nil, 5]))
        #expect(table["min(x)"]?.values == .int64([4, 1, nil, 5]))
        #expect(table["max(x)"]?.values == .int64([4, 2, nil, 5]))
        #expect(table["count(x)"]?.values == .int64([1, 2, 0, 1]))
        #expect(table["count(1)"]?.values == .int64([1, 2, 2, 1]))
    }

    @Test func fractionalValuesMakeDoubleResults() async throws {
        let table = try await Self.run(
            AggregateSpec {
                GroupBy("g")
                Sum("y")
                Min("y")
                Max("y")
                Average("y")
            })
        #expect(table["sum(y)"]?.values == .double([4, nil, 1.5, 2]))
        #expect(table["min(y)"]?.values == .double([4, nil, 1.5, 2]))
        #expect(table["avg(y)"]?.values == .double([4, nil, 1.5, 2]))
    }

    @Test func whereFiltersRowsBeforeGrouping() async throws {
        let table = try await Self.run(
            try AggregateSpec(sql: "SELECT g, count(*) AS n FROM t WHERE x >= 2 AND g <> 3 GROUP BY g"))
        // g = NULL makes `g <> 3` null, which drops the row (SQL three-valued logic).
        #expect(table["g"]?.values == .int32([1]))
        #expect(table["n"]?.values == .int64([1]))
    }

    @Test func textFiltersCompareRawBytes() async throws {
        let csv = Array("k,c,v\n1,AA,1\n1,WN,2\n1,\"WN\",3\n1,NA,4\n2,WNX,5\n".utf8)
        let table = try await Self.run(try AggregateSpec(sql: "SELECT k, sum(v) FROM t WHERE c = 'WN' GROUP BY k"), csv)
        #expect(table["sum(v)"]?.values == .int64([5]))
        let notEqual = try await Self.run(
            try AggregateSpec(sql: "SELECT k, sum(v) FROM t WHERE c <> 'WN' GROUP BY k"), csv)
        #expect(notEqual["sum(v)"]?.values == .int64([1, 5]))  // the NA row is null: neither = nor <>
    }

    @Test func orderByDescending() async throws {
        let table = try await Self.run(try AggregateSpec(sql: "SELECT g, count(*) FROM t GROUP BY g ORDER BY g DESC"))
        #expect(table["g"]?.values == .int32([3, 2, 1, nil]))
    }

    @Test func globalAggregateOverNoRowsHasOneRow() async throws {
        let table = try await Self.run(
            AggregateSpec {
                CountAll(as: "n")
                Average("x")
            }, Array("g,x\n".utf8))
        #expect(table["n"]?.values == .int64([0]))
        #expect(table["avg(x)"]?.values == .double([nil]))
    }

    @Test func integerSumsAreExactAndWidenOnlyWhenTheResultLeavesInt64() {
        var stats = ValueStatistics()
        stats.add(Int64.max)
        stats.add(Int64(1))
        #expect(stats.needsDouble)
        #expect(stats.average == (Double(Int64.max) + 1) / 2)
        stats.add(Int64.min)  // back in range: exact again
        #expect(!stats.needsDouble)
        #expect(stats.integerSum == 0)
        var merged = ValueStatistics()
        for value in [Int64.max, .max, .max] { merged.add(value) }
        var other = ValueStatistics()
        for value in [Int64.min, .min, .min, 7] { other.add(value) }
        merged.merge(other)
        #expect(!merged.needsDouble)
        #expect(merged.integerSum == 4)  // 3 × max + 3 × min + 7 = -3 + 7
        var exact = ValueStatistics()
        for value in [Int64(9_007_199_254_740_993), 1, -2] { exact.add(value) }
        #expect(exact.integerSum == 9_007_199_254_740_992)
    }

    @Test func partialTablesMerge() {
        let left = GroupTable(keyCount: 2, valueCount: 1)
        let right = GroupTable(keyCount: 2, valueCount: 1)
        var key: [Int64] = [1, 2]
        let a = left.group(for: &key)
        left.countRow(group: a)
        left.add(Int64(10), group: a, value: 0)
        var other: [Int64] = [3, GroupTable.nullKey]
        for table in [0, 1] {
            let target = table == 0 ? right.group(for: &key) : right.group(for: &other)
            right.countRow(group: target)
            right.add(2.5, group: target, value: 0)
        }
        left.merge(right)
        #expect(left.groupCount == 2)
        #expect([0, 1].map(left.rowCount(of:)) == [2, 1])
        #expect(left.statistics(group: 0, value: 0).average == 6.25)
    }

    @Test func manyGroupsRehash() async throws {
        var text = "a,b,v\n"
        for index in 0..<5_000 { text += "\(index % 97),\(index),\(index)\n" }
        let table = try await Self.run(
            AggregateSpec {
                GroupBy("a", "b")
                Sum("v")
            }, Array(text.utf8))
        #expect(table.rowCount == 5_000)
        guard case .int32(let first)? = table["a"]?.values else { return }
        #expect(first == first.sorted { ($0 ?? .min) < ($1 ?? .min) })
    }
}
