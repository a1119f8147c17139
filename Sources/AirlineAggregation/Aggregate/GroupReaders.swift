import ParquetKit

/// The readers of the common result columns (see ``ResultRows/column(_:)-(Reader)``): row counts, aggregates of a
/// value column, and key columns.
enum GroupReaders {
    /// `count(*)`.
    struct RowCount: GroupReader {
        let groups: GroupTable
        func value(of group: Int) -> Int64? { groups.rowCount(of: group) }
    }

    /// `count(DISTINCT …)` of distinct set `set`.
    struct DistinctCount: GroupReader {
        let groups: GroupTable
        let set: Int
        func value(of group: Int) -> Int64? { groups.distinctCount(group: group, set: set) }
    }

    /// An integer aggregate of value column `column` (null for a group with no value, except counts).
    struct Integer: GroupReader {
        enum Kind: Sendable { case count, countWithText(Int), sum, minimum, maximum }
        let groups: GroupTable
        let column: Int
        let kind: Kind

        func value(of group: Int) -> Int64? {
            let statistics = groups.statistics(group: group, value: column)
            switch kind {
            case .count: return statistics.count
            case .countWithText(let text): return statistics.count + groups.extremes(group: group, text: text).textCount
            case .sum: return statistics.count == 0 ? nil : statistics.totals.integerSum
            case .minimum: return statistics.count == 0 ? nil : statistics.range.integerMin
            case .maximum: return statistics.count == 0 ? nil : statistics.range.integerMax
            }
        }
    }

    /// A DOUBLE aggregate of value column `column`.
    struct Real: GroupReader {
        enum Kind: Sendable { case average, sum, minimum, maximum }
        let groups: GroupTable
        let column: Int
        let kind: Kind

        func value(of group: Int) -> Double? {
            let statistics = groups.statistics(group: group, value: column)
            switch kind {
            case .average: return statistics.average
            case .sum:
                return statistics.count == 0 ? nil : statistics.totals.integerSumAsDouble + statistics.totals.doubleSum
            case .minimum: return statistics.minimum
            case .maximum: return statistics.maximum
            }
        }
    }

    /// The text pool id of key `position` (``ParquetStringDictionary/nullIndex`` for null), ``notText`` for a
    /// number.
    struct TextKey: GroupReader {
        /// Marks a value that is not text; never a pool id or the null index.
        static let notText = Int32.min
        let groups: GroupTable
        let position: Int

        func value(of group: Int) -> Int32 {
            let key = groups.key(position, of: group)
            if key == GroupTable.nullKey { return ParquetStringDictionary.nullIndex }
            guard GroupTable.isText(key), let id = Int32(exactly: key - GroupTable.textBase) else {
                return Self.notText
            }
            return id
        }
    }

    /// ``TextKey`` of several key positions, read in one visit of each group.
    struct TextKeys: GroupRowReader {
        let groups: GroupTable
        let positions: [Int]
        var width: Int { positions.count }

        func read(_ group: Int, row: Int, into columns: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>) {
            for (column, position) in positions.enumerated() {
                (columns[column] + row).initialize(to: TextKey(groups: groups, position: position).value(of: group))
            }
        }
    }

    /// An INT32 key `position`.
    struct IntegerKey: GroupReader {
        let groups: GroupTable
        let position: Int

        func value(of group: Int) -> Int32? {
            let key = groups.key(position, of: group)
            return key == GroupTable.nullKey ? nil : Int32(truncatingIfNeeded: key)
        }
    }

    /// Row `group` of a column in group order.
    struct Element<Value: Sendable>: GroupReader {
        let values: [Value]
        func value(of group: Int) -> Value { values[group] }
    }
}
