/// Column-chunk statistics: `null_count`, and `min_value`/`max_value` in the
/// column's type order (PLAIN bytes, no length prefix for strings).
///
/// Nulls and NaNs never become bounds; a chunk with no other values gets
/// `null_count` only. A zero double bound is widened to `-0.0` (min) / `+0.0` (max).
public struct StatisticsBuilder<Value: ParquetPrimitive>: Sendable {
    public private(set) var minimum: Value?
    public private(set) var maximum: Value?
    public private(set) var nullCount: Int64 = 0

    public init() {}

    @inline(__always)
    public mutating func add(_ value: Value?) {
        guard let value else {
            nullCount += 1
            return
        }
        guard !value.isExcludedFromStatistics else { return }
        if let current = minimum {
            if Value.typeOrderLess(value, current) { minimum = value }
            if let top = maximum, Value.typeOrderLess(top, value) { maximum = value }
        } else {
            minimum = value
            maximum = value
        }
    }

    /// Counts `count` nulls.
    public mutating func addNulls(_ count: Int) { nullCount += Int64(count) }

    public mutating func add(contentsOf values: ArraySlice<Value?>) {
        for value in values { add(value) }
    }

    /// The footer form; `distinctCount` is written only when given.
    public func statistics(distinctCount: Int64? = nil) -> ParquetFormat.Statistics {
        var stats = ParquetFormat.Statistics(nullCount: nullCount, distinctCount: distinctCount)
        if let minimum, let maximum {
            var minBytes: [UInt8] = []
            minimum.asStatisticsMinimum.appendStatisticsBytes(to: &minBytes)
            var maxBytes: [UInt8] = []
            maximum.asStatisticsMaximum.appendStatisticsBytes(to: &maxBytes)
            stats.minValue = minBytes
            stats.maxValue = maxBytes
            stats.isMinValueExact = true
            stats.isMaxValueExact = true
        }
        return stats
    }

    /// Statistics of a whole slice.
    public static func statistics(of values: ArraySlice<Value?>, distinctCount: Int64? = nil)
        -> ParquetFormat.Statistics
    {
        var builder = StatisticsBuilder()
        builder.add(contentsOf: values)
        return builder.statistics(distinctCount: distinctCount)
    }
}
