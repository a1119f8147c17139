import Dispatch

extension PackedKeySort {
    /// Below this many keys one thread sorts them all: a second one would not earn its start and the merge.
    static let halvesThreshold = 1 << 20

    /// ``radixSorted(_:bits:)`` on two threads: each half of `keys` is sorted on its own, then the two sorted runs
    /// are merged (equal keys: the first half's first, so the order stays stable). For the fold of millions of
    /// appended groups, where the sort is the largest step that ran on one core.
    static func radixSortedInHalves(_ keys: inout [UInt64], bits: Int) -> [Int] {
        let count = keys.count
        guard count >= halvesThreshold else { return radixSorted(&keys, bits: bits) }
        let halves = Halves(keys, split: count / 2)
        DispatchQueue.concurrentPerform(iterations: 2) { part in halves.sort(part, bits: bits) }
        halves.merge(into: &keys)
        return halves.order
    }

    /// The two halves and their orders; each thread touches only its own half until the merge.
    private final class Halves: @unchecked Sendable {
        private var low: [UInt64]
        private var high: [UInt64]
        private var lowOrder: [Int] = []
        private var highOrder: [Int] = []
        private let split: Int
        private(set) var order: [Int] = []

        init(_ keys: [UInt64], split: Int) {
            low = Array(keys[..<split])
            high = Array(keys[split...])
            self.split = split
        }

        func sort(_ part: Int, bits: Int) {
            if part == 0 {
                lowOrder = PackedKeySort.radixSorted(&low, bits: bits)
            } else {
                highOrder = PackedKeySort.radixSorted(&high, bits: bits)
            }
        }

        /// Merges the sorted halves into `keys` and ``order`` (the high half's indexes shifted by the split).
        func merge(into keys: inout [UInt64]) {
            let count = low.count + high.count
            order = [Int](repeating: 0, count: count)
            keys.withUnsafeMutableBufferPointer { merged in
                order.withUnsafeMutableBufferPointer { indexes in
                    low.withUnsafeBufferPointer { left in
                        high.withUnsafeBufferPointer { right in
                            lowOrder.withUnsafeBufferPointer { leftOrder in
                                highOrder.withUnsafeBufferPointer { rightOrder in
                                    var l = 0
                                    var r = 0
                                    for position in 0..<count {
                                        if r == right.count || (l < left.count && left[l] <= right[r]) {
                                            merged[position] = left[l]
                                            indexes[position] = leftOrder[l]
                                            l &+= 1
                                        } else {
                                            merged[position] = right[r]
                                            indexes[position] = rightOrder[r] &+ split
                                            r &+= 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            low = []
            high = []
            lowOrder = []
            highOrder = []
        }
    }
}
