/// Counts and sums of one aggregated column within one group: enough for avg, sum and count.
///
/// Integers are summed exactly, as a 128-bit value: a wrapping `Int64` sum plus a count of its wraps (`sumCarry`,
/// in units of 2^64), so sums that leave the `Int64` range on the way and come back (`Int64.max + 1 + Int64.min`)
/// stay exact. Only a final sum outside `Int64` widens the result to DOUBLE; nothing wraps. Values with a fraction
/// or exponent go to the double sum, which is Neumaier-compensated (a running sum plus the rounding error it dropped),
/// so sums and averages agree to about one rounding whatever order rows, workers and partial results are added in.
struct ValueTotals: Sendable, Equatable {
    var integerCount: Int64 = 0
    var doubleCount: Int64 = 0
    var integerSum: Int64 = 0
    /// The compensated double sum is `doubleSumHigh + doubleSumLow`.
    var doubleSumHigh: Double = 0
    var doubleSumLow: Double = 0
    /// The exact integer sum is `sumCarry * 2^64 + integerSum`.
    var sumCarry: Int64 = 0

    var count: Int64 { integerCount &+ doubleCount }

    /// The compensated sum of the values with a fraction or exponent.
    var doubleSum: Double { doubleSumHigh + doubleSumLow }

    /// Neumaier's step: the low part collects what the high part's rounding dropped.
    @inline(__always)
    private mutating func addToDoubleSum(_ value: Double) {
        let sum = doubleSumHigh + value
        if abs(doubleSumHigh) >= abs(value) {
            doubleSumLow += (doubleSumHigh - sum) + value
        } else {
            doubleSumLow += (value - sum) + doubleSumHigh
        }
        doubleSumHigh = sum
    }

    @inline(__always)
    mutating func add(_ value: Int64) {
        integerCount &+= 1
        let (sum, overflow) = integerSum.addingReportingOverflow(value)
        // A signed overflow wrapped by exactly 2^64, downwards when the addend was positive.
        if overflow { sumCarry &+= value > 0 ? 1 : -1 }
        integerSum = sum
    }

    @inline(__always)
    mutating func add(_ value: Double) {
        doubleCount &+= 1
        addToDoubleSum(value)
    }

    mutating func merge(_ other: ValueTotals) {
        integerCount &+= other.integerCount
        doubleCount &+= other.doubleCount
        let (sum, overflow) = integerSum.addingReportingOverflow(other.integerSum)
        if overflow { sumCarry &+= other.integerSum > 0 ? 1 : -1 }
        integerSum = sum
        sumCarry &+= other.sumCarry
        addToDoubleSum(other.doubleSumHigh)
        doubleSumLow += other.doubleSumLow
    }

    /// True once any non-integer value was seen, or the integer sum is outside `Int64`: a sum is then DOUBLE.
    var needsDouble: Bool { doubleCount > 0 || sumCarry != 0 }

    /// The integer sum as a double (rounded once it is outside `Int64`).
    var integerSumAsDouble: Double { Double(sumCarry) * 18_446_744_073_709_551_616.0 + Double(integerSum) }

    var average: Double? { count == 0 ? nil : (integerSumAsDouble + doubleSum) / Double(count) }
}
