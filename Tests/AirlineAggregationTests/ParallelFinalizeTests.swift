import Testing

@testable import AirlineAggregation

/// Result columns built on several threads (``ResultRows``): the same table as one thread builds, for every
/// aggregate kind, numeric and text keys with nulls, and both finalisation paths (order by keys only, and ORDER
/// BY an aggregate with HAVING and LIMIT).
@Suite struct ParallelFinalizeTests {
    /// Enough groups that two threads each get a range (``ResultRows/minimumRowsPerThread``).
    static let groupCount = 3 * ResultRows.minimumRowsPerThread

    static let header = ["k", "t", "a", "b"]

    /// A table of `groupCount` groups: `k` an integer or null, `t` a text or null, `a` integers, `b` doubles
    /// (null in some groups); groups are created in an order unrelated to their keys.
    static func table(_ plan: QueryPlan) -> GroupTable {
        let table = GroupTable(plan: plan)
        let names = plan.valueSlots.map { plan.slots[$0].name }
        let a = names.firstIndex(of: "a")
        let b = names.firstIndex(of: "b")
        var key: [Int64] = [0, 0]
        for index in 0..<groupCount {
            let scrambled = (index &* 7919) % groupCount
            key[0] = scrambled % 11 == 0 ? GroupTable.nullKey : Int64(scrambled % 397) - 100
            if scrambled % 13 == 0 {
                key[1] = GroupTable.nullKey
            } else {
                let text = Array("N\(scrambled / 397)".utf8)
                key[1] =
                    GroupTable.textBase
                    + Int64(text.withUnsafeBufferPointer { table.texts.intern($0.baseAddress!, count: $0.count) })
            }
            let group = table.group(for: &key)
            for row in 0..<(1 + scrambled % 3) {
                table.countRow(group: group)
                if let a { table.add(Int64(scrambled % 1000 - row), group: group, value: a) }
                if let b, scrambled % 5 != 0 { table.add(Double(scrambled % 777) / 8, group: group, value: b) }
            }
        }
        return table
    }

    static let queries = [
        "SELECT k, t, count(*) AS n, avg(a) AS mean, sum(a) AS total, min(b) AS low, max(b) AS high, count(b) AS nb FROM x GROUP BY k, t",
        "SELECT t, k, sum(b) AS total, min(a) AS low, max(a) AS high FROM x GROUP BY t, k ORDER BY t DESC, k NULLS FIRST",
        "SELECT k, t, count(*) AS n, avg(b) AS mean FROM x GROUP BY k, t HAVING count(*) > 1 ORDER BY mean DESC LIMIT 100000",
    ]

    @Test(arguments: queries) func twoThreadsBuildTheTableOneThreadBuilds(_ sql: String) throws {
        let spec = try AggregateSpec(sql: sql)
        let plan = try QueryPlan(spec: spec, header: Self.header, dialect: .standard, skipMalformed: false, file: nil)
        let sequential = try Finalizer.table(spec: spec, plan: plan, groups: Self.table(plan), threads: 1)
        let parallel = try Finalizer.table(spec: spec, plan: plan, groups: Self.table(plan), threads: 2)
        #expect(sequential.rowCount > 2 * ResultRows.minimumRowsPerThread / 2)
        #expect(parallel == sequential)
    }

    @Test func columnsFollowTheOrderOrTheGroups() {
        let count = 2 * ResultRows.minimumRowsPerThread + 5
        let values = (0..<count).map { Int64($0) * 3 }
        let order = (0..<count).map { ($0 &* 40_503) % count }
        for threads in [1, 2, 3] {
            let permuted = ResultRows(order: order, threads: threads)
            #expect(permuted.column(GroupReaders.Element(values: values)) == order.map { values[$0] })
            let identity = ResultRows(identity: count, threads: threads)
            #expect(identity.column(GroupReaders.Element(values: values)) == values)
        }
    }

    @Test func anIdentityOrderIsReadInSequence() {
        #expect(Finalizer.resultRows(Array(0..<1000), threads: 2).order == nil)
        #expect(Finalizer.resultRows([1, 0, 2], threads: 2).order == [1, 0, 2])
        #expect(Finalizer.resultRows([], threads: 2).count == 0)
    }
}
