import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

@Suite("Packed key sort")
struct PackedKeySortTests {
    /// The two-thread sort must give exactly the one-thread sort's order: stable, ties in index order (the fold keeps
    /// the first group of a run, and finalisation's order must not depend on how the sort was split).
    @Test(arguments: [(5_000, 13), (1 << 30, 30), (3, 2)])
    func halvesSortLikeOneThread(distinct: Int, bits: Int) {
        var random = SeededRandom(seed: UInt64(bits))
        let keys = (0..<(PackedKeySort.halvesThreshold + 12_345)).map { _ in UInt64(random.below(distinct)) }
        var one = keys
        var two = keys
        let oneOrder = PackedKeySort.radixSorted(&one, bits: bits)
        let twoOrder = PackedKeySort.radixSortedInHalves(&two, bits: bits)
        #expect(two == one)
        #expect(twoOrder == oneOrder)
        #expect(zip(one, one.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(twoOrder.indices.allSatisfy { keys[twoOrder[$0]] == two[$0] })
    }
}
