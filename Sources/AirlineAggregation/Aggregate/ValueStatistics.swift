/// Running statistics of one aggregated column within one group: enough for avg, sum, count, min and max.
///
/// The two halves are stored apart in the group table: every value column keeps its ``ValueTotals`` (count and
/// sums, 48 bytes), and only a column read by `min`/`max` also keeps a ``ValueRange`` (32 bytes). At millions of
/// groups the range of an `avg`-only column was most of the table. A column without a range reads back with the
/// empty range (minimum above maximum).
@dynamicMemberLookup
struct ValueStatistics: Sendable, Equatable {
    var totals = ValueTotals()
    var range = ValueRange()

    /// The fields of both halves read as the statistics' own (`stats.integerSum`, `stats.doubleMax`).
    subscript<Field>(dynamicMember field: WritableKeyPath<ValueTotals, Field>) -> Field {
        get { totals[keyPath: field] }
        set { totals[keyPath: field] = newValue }
    }

    subscript<Field>(dynamicMember field: WritableKeyPath<ValueRange, Field>) -> Field {
        get { range[keyPath: field] }
        set { range[keyPath: field] = newValue }
    }

    var count: Int64 { totals.count }
    var needsDouble: Bool { totals.needsDouble }
    var average: Double? { totals.average }

    @inline(__always)
    mutating func add(_ value: Int64) {
        totals.add(value)
        range.add(value)
    }

    @inline(__always)
    mutating func add(_ value: Double) {
        totals.add(value)
        range.add(value)
    }

    mutating func merge(_ other: ValueStatistics) {
        totals.merge(other.totals)
        range.merge(other.range)
    }

    var minimum: Double? {
        count == 0 ? nil : Swift.min(totals.integerCount > 0 ? Double(range.integerMin) : .infinity, range.doubleMin)
    }

    var maximum: Double? {
        count == 0 ? nil : Swift.max(totals.integerCount > 0 ? Double(range.integerMax) : -.infinity, range.doubleMax)
    }
}
