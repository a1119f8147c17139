import Testing

@testable import AirlineAggregation

/// The group table keeps a min/max range only for the value columns that need one, and merges stay exact.
@Suite struct GroupStateLayoutTests {
    @Test func onlyRangeColumnsKeepMinimumAndMaximumAcrossAMerge() {
        let left = GroupTable(keyCount: 1, valueCount: 2, rangeColumns: [1])
        let right = GroupTable(keyCount: 1, valueCount: 2, rangeColumns: [1])
        var key: [Int64] = [7]
        for (table, values) in [(left, [Int64(5), -3]), (right, [Int64(11), 2])] {
            let group = table.group(for: &key)
            for value in values {
                table.add(value, group: group, value: 0)
                table.add(value, group: group, value: 1)
            }
            table.add(0.5, group: group, value: 1)
        }
        left.merge(right)
        let sumOnly = left.statistics(group: 0, value: 0)
        #expect(sumOnly.count == 4 && sumOnly.integerSum == 15)
        #expect(sumOnly.range == ValueRange())
        let ranged = left.statistics(group: 0, value: 1)
        #expect(ranged.count == 6 && ranged.integerSum == 15 && ranged.totals.doubleSum == 1.0)
        #expect(ranged.integerMin == -3 && ranged.integerMax == 11)
        #expect(ranged.minimum == -3 && ranged.maximum == 11)
    }

    @Test func aPlanKeepsRangesForMinAndMaxInputsOnly() throws {
        let spec = try AggregateSpec(sql: "SELECT k, avg(a), max(b), sum(b) FROM t GROUP BY k")
        let plan = try QueryPlan(
            spec: spec, header: ["k", "a", "b"], dialect: .standard, skipMalformed: false, file: nil)
        let table = GroupTable(plan: plan)
        #expect(table.valueCount == 2)
        #expect(table.rangeCount == 1)
    }
}
