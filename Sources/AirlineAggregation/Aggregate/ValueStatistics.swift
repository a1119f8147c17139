/// Running statistics of one aggregated column within one group: enough for avg, sum, count, min and max.
///
/// Integers are summed exactly in `Int64`; a sum that leaves the `Int64` range widens to DOUBLE (the overflowing part
/// moves to the double sum and the result column becomes DOUBLE), it never wraps. Values with a fraction or
/// exponent go to the double sum. Min and max keep the two kinds apart and are combined when finalized.
struct ValueStatistics: Sendable, Equatable {
    var integerCount: Int64 = 0
    var doubleCount: Int64 = 0
    var integerSum: Int64 = 0
    var doubleSum: Double = 0
    var integerMin: Int64 = .max
    var integerMax: Int64 = .min
    var doubleMin: Double = .infinity
    var doubleMax: Double = -.infinity
    /// Set when the integer sum overflowed and part of it moved to `doubleSum`.
    var spilled = false

    var count: Int64 { integerCount &+ doubleCount }

    @inline(__always)
    mutating func add(_ value: Int64) {
        integerCount &+= 1
        let (sum, overflow) = integerSum.addingReportingOverflow(value)
        if overflow {
            doubleSum += Double(integerSum)
            integerSum = value
            spilled = true
        } else {
            integerSum = sum
        }
        if value < integerMin { integerMin = value }
        if value > integerMax { integerMax = value }
    }

    @inline(__always)
    mutating func add(_ value: Double) {
        doubleCount &+= 1
        doubleSum += value
        if value < doubleMin { doubleMin = value }
        if value > doubleMax { doubleMax = value }
    }

    mutating func merge(_ other: ValueStatistics) {
        integerCount &+= other.integerCount
        doubleCount &+= other.doubleCount
        let (sum, overflow) = integerSum.addingReportingOverflow(other.integerSum)
        if overflow {
            doubleSum += Double(integerSum) + Double(other.integerSum)
            integerSum = 0
            spilled = true
        } else {
            integerSum = sum
        }
        doubleSum += other.doubleSum
        spilled = spilled || other.spilled
        integerMin = Swift.min(integerMin, other.integerMin)
        integerMax = Swift.max(integerMax, other.integerMax)
        doubleMin = Swift.min(doubleMin, other.doubleMin)
        doubleMax = Swift.max(doubleMax, other.doubleMax)
    }


    /// True once any non-integer value (or an overflowing sum) was seen: a sum is then DOUBLE.
    var needsDouble: Bool { doubleCount > 0 || spilled }

    var average: Double? { count == 0 ? nil : (Double(integerSum) + doubleSum) / Double(count) }

    var minimum: Double? {
        count == 0 ? nil : Swift.min(integerCount > 0 ? Double(integerMin) : .infinity, doubleMin)
    }

    var maximum: Double? {
        count == 0 ? nil : Swift.max(integerCount > 0 ? Double(integerMax) : -.infinity, doubleMax)
    }
}
