/// Turns merged statistics into the result table: sorts groups by key and computes each aggregate.
enum Finalizer {
    static func table(spec: AggregateSpec, plan: QueryPlan, groups: GroupTable) -> ResultTable {
        let order = sortedGroups(spec: spec, groups: groups)
        var keyColumns: [ResultTable.Column] = []
        for (position, key) in spec.keys.enumerated() {
            let hasText = (0..<groups.groupCount).contains { GroupTable.isText(groups.key(position, of: $0)) }
            if hasText {
                // A key column with any value that is not an INT32 integer is text; its numbers are spelled in
                // decimal.
                let values: [String?] = order.map { group in
                    let value = groups.key(position, of: group)
                    if value == GroupTable.nullKey { return nil }
                    if GroupTable.isText(value) { return groups.texts.string(Int(value - GroupTable.textBase)) }
                    return String(value)
                }
                keyColumns.append(.init(name: key.outputName, values: .string(values)))
            } else {
                let values: [Int32?] = order.map { group in
                    let value = groups.key(position, of: group)
                    return value == GroupTable.nullKey ? nil : Int32(truncatingIfNeeded: value)
                }
                keyColumns.append(.init(name: key.outputName, values: .int32(values)))
            }
        }
        var aggregateColumns: [ResultTable.Column] = []
        for (index, aggregate) in spec.aggregates.enumerated() {
            aggregateColumns.append(
                column(aggregate, value: plan.valueOfAggregate[index], order: order, groups: groups))
        }
        let columns = spec.resolvedOutputOrder.map { output -> ResultTable.Column in
            switch output {
            case .key(let index): return keyColumns[index]
            case .aggregate(let index): return aggregateColumns[index]
            }
        }
        return ResultTable(columns: columns)
    }

    private static func column(
        _ aggregate: AggregateExpression, value: Int?, order: [Int], groups: GroupTable
    ) -> ResultTable.Column {
        let name = aggregate.outputName
        guard let value else {
            return .init(name: name, values: .int64(order.map { groups.rowCount(of: $0) }))
        }
        let stats = order.map { groups.statistics(group: $0, value: value) }
        // A sum is DOUBLE once any value has a fraction or any group's final sum is outside Int64; min and max only
        // when a value has a fraction (they cannot overflow, so integers up to Int64.max stay exact).
        let anyFraction = (0..<groups.groupCount).contains { groups.statistics(group: $0, value: value).doubleCount > 0 }
        let anyDouble = anyFraction || (0..<groups.groupCount).contains { groups.statistics(group: $0, value: value).sumCarry != 0 }
        switch aggregate.function {
        case .average:
            return .init(name: name, values: .double(stats.map(\.average)))
        case .count, .countAll:
            return .init(name: name, values: .int64(stats.map(\.count)))
        case .sum:
            if anyDouble {
                return .init(name: name, values: .double(stats.map { $0.count == 0 ? nil : $0.integerSumAsDouble + $0.doubleSum }))
            }
            return .init(name: name, values: .int64(stats.map { $0.count == 0 ? nil : $0.integerSum }))
        case .min:
            if anyFraction { return .init(name: name, values: .double(stats.map(\.minimum))) }
            return .init(name: name, values: .int64(stats.map { $0.count == 0 ? nil : $0.integerMin }))
        case .max:
            if anyFraction { return .init(name: name, values: .double(stats.map(\.maximum))) }
            return .init(name: name, values: .int64(stats.map { $0.count == 0 ? nil : $0.integerMax }))
        }
    }

    /// Group indexes in output order: the ORDER BY keys first, then the remaining keys ascending; nulls first.
    static func sortedGroups(spec: AggregateSpec, groups: GroupTable) -> [Int] {
        var sortKeys = spec.sortKeys
        for index in spec.keys.indices where !sortKeys.contains(where: { $0.keyIndex == index }) {
            sortKeys.append(.init(keyIndex: index))
        }
        return (0..<groups.groupCount).sorted { left, right in
            for sortKey in sortKeys {
                let a = groups.key(sortKey.keyIndex, of: left)
                let b = groups.key(sortKey.keyIndex, of: right)
                if a == b { continue }
                // Null (Int64.min) first, then numbers, then text in byte order.
                let ordering = GroupTable.isText(a) && GroupTable.isText(b)
                    ? groups.texts.compare(Int(a - GroupTable.textBase), Int(b - GroupTable.textBase))
                    : (a < b ? -1 : 1)
                if ordering != 0 { return sortKey.descending ? ordering > 0 : ordering < 0 }
            }
            return false
        }
    }
}
