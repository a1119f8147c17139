/// Minimum and maximum of one aggregated column within one group, the integers and the values with a fraction
/// apart (combined when finalized). Empty, the minimum is above the maximum.
struct ValueRange: Sendable, Equatable {
    var integerMin: Int64 = .max
    var integerMax: Int64 = .min
    var doubleMin: Double = .infinity
    var doubleMax: Double = -.infinity

    @inline(__always)
    mutating func add(_ value: Int64) {
        if value < integerMin { integerMin = value }
        if value > integerMax { integerMax = value }
    }

    @inline(__always)
    mutating func add(_ value: Double) {
        if value < doubleMin { doubleMin = value }
        if value > doubleMax { doubleMax = value }
    }

    mutating func merge(_ other: ValueRange) {
        integerMin = Swift.min(integerMin, other.integerMin)
        integerMax = Swift.max(integerMax, other.integerMax)
        doubleMin = Swift.min(doubleMin, other.doubleMin)
        doubleMax = Swift.max(doubleMax, other.doubleMax)
    }
}
