/// Folding a table that appended rows (``GroupTable/appendRows()``): when nearly every row has a key of its own,
/// as (TailNum, Origin, Dest) over a year of flights (7.43M groups from 7.45M rows), a hash lookup per row is a
/// cache miss that finds nothing, and the index grows and rehashes to 16M slots. Appending instead writes each
/// group sequentially, and one sort at the end (which finalisation needs anyway, for the key order) brings equal
/// keys together.
extension GroupTable {
    /// The order of a result without ORDER BY: every key ascending, nulls first (``AggregateSpec/SortKey``'s
    /// default), as (key index, descending, nulls first).
    static func ascendingKeys(_ keyCount: Int) -> [(Int, Bool, Bool)] { (0..<keyCount).map { ($0, false, true) } }

    /// Makes each key one group again: the groups of a key are folded into the first of them, the table is
    /// compacted (groups keep their relative positions) and ``keyOrder`` is set. A no-op unless the table appends
    /// rows; afterwards it groups by lookup again.
    func foldDuplicateKeys() {
        guard appendsRows else { return }
        let count = groupCount
        precondition(count < Int(Int32.max), "more groups than 32-bit indexes")
        let keys = Self.ascendingKeys(keyCount)
        let ranks = SortCodes.textRanks(texts)
        var order: [Int]
        var kept = [Bool](repeating: false, count: count)
        let heads: Int
        if let sorted = PackedKeySort.sorted(self, ranks: ranks, by: keys) {
            order = sorted.order
            let codes = sorted.codes
            heads = foldRuns(&order, kept: &kept) { codes[$0] == codes[$0 - 1] }
        } else {
            // Keys too wide to pack into one word: a comparison sort of per-key codes (stable enough: the first
            // group of a run is the one kept, whichever it is).
            let codes = SortCodes(self, ranks: ranks)
            order = codes.sorted(by: keys)
            let width = keyCount
            let ordered = order
            heads = foldRuns(&order, kept: &kept) { position in
                let left = ordered[position - 1] * width
                let right = ordered[position] * width
                for offset in 0..<width where codes.codes[left + offset] != codes.codes[right + offset] {
                    return false
                }
                return true
            }
        }
        // Compaction keeps relative positions, so a group's new index is the number of kept groups before it;
        // runs of kept groups move as one block.
        var newIndex = [Int32](repeating: 0, count: count)
        var target = 0
        var group = 0
        while group < count {
            guard kept[group] else {
                group += 1
                continue
            }
            var end = group + 1
            while end < count, kept[end] { end += 1 }
            if target != group { move(end - group, from: group, to: target) }
            for index in group..<end { newIndex[index] = Int32(truncatingIfNeeded: target + index - group) }
            target += end - group
            group = end
        }
        truncate(to: heads)
        order.removeLast(count - heads)
        for index in order.indices { order[index] = Int(newIndex[order[index]]) }
        keyOrder = order
    }

    /// Folds each run of one key in `order` (sorted; `sameAsPrevious(p)`: position `p` has the key of `p - 1`) into
    /// its first group, marks that group in `kept` and writes it over `order` in key order; returns the run count.
    @inline(__always)
    private func foldRuns(_ order: inout [Int], kept: inout [Bool], sameAsPrevious: (Int) -> Bool) -> Int {
        let count = order.count
        var heads = 0
        var position = 0
        while position < count {
            let head = order[position]
            var next = position + 1
            while next < count, sameAsPrevious(next) {
                add(order[next], of: self, to: head)
                next += 1
            }
            kept[head] = true
            order[heads] = head
            heads += 1
            position = next
        }
        return heads
    }
}
