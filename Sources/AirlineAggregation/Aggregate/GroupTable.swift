/// Hash aggregation state of one worker: group keys packed row-major as `Int64` (null = `Int64.min`, which no
/// INT32 key can produce), an open-addressing index, per-group row counts and value statistics.
///
/// Rows arriving in key order (the airline files are sorted by date) hit a one-entry cache of the previous group,
/// so the hash index is touched only when the key changes.
struct GroupTable: Sendable {
    static let nullKey = Int64.min

    let keyCount: Int
    let valueCount: Int
    private(set) var groupCount = 0
    /// `groupCount * keyCount` key values.
    private(set) var keys: [Int64] = []
    /// Rows per group (count(*)).
    private(set) var rowCounts: [Int64] = []
    /// `groupCount * valueCount` statistics blocks.
    private(set) var statistics: [ValueStatistics] = []
    /// Open addressing: group index or -1.
    private var index: [Int32]
    private var lastGroup = -1

    init(keyCount: Int, valueCount: Int) {
        self.keyCount = keyCount
        self.valueCount = valueCount
        index = [Int32](repeating: -1, count: 64)
    }

    /// The group for `key` (keyCount values), created if new.
    @inline(__always)
    mutating func group(for key: UnsafePointer<Int64>) -> Int {
        if lastGroup >= 0 {
            var same = true
            let base = lastGroup &* keyCount
            for offset in 0..<keyCount where keys[base &+ offset] != key[offset] {
                same = false
                break
            }
            if same { return lastGroup }
        }
        lastGroup = lookup(key)
        return lastGroup
    }

    @inline(__always)
    mutating func countRow(group: Int) { rowCounts[group] &+= 1 }

    @inline(__always)
    mutating func add(_ value: Int64, group: Int, value column: Int) {
        statistics[group &* valueCount &+ column].add(value)
    }

    @inline(__always)
    mutating func add(_ value: Double, group: Int, value column: Int) {
        statistics[group &* valueCount &+ column].add(value)
    }

    /// Folds another worker's partial result into this one.
    mutating func merge(_ other: GroupTable) {
        other.keys.withUnsafeBufferPointer { otherKeys in
            for group in 0..<other.groupCount {
                guard let base = otherKeys.baseAddress else { return }
                let target = lookup(base + group * keyCount)
                rowCounts[target] &+= other.rowCounts[group]
                for column in 0..<valueCount {
                    statistics[target * valueCount + column].merge(other.statistics[group * valueCount + column])
                }
            }
        }
        lastGroup = -1
    }

    /// The key values of `group`.
    func key(of group: Int) -> ArraySlice<Int64> { keys[group * keyCount..<(group + 1) * keyCount] }

    func statistics(group: Int, value column: Int) -> ValueStatistics { statistics[group * valueCount + column] }

    // MARK: Hashing

    private mutating func lookup(_ key: UnsafePointer<Int64>) -> Int {
        let mask = index.count - 1
        var position = Int(truncatingIfNeeded: hash(key)) & mask
        while true {
            let candidate = Int(index[position])
            if candidate < 0 { return insert(key, at: position) }
            if equal(candidate, key) { return candidate }
            position = (position + 1) & mask
        }
    }

    private func equal(_ group: Int, _ key: UnsafePointer<Int64>) -> Bool {
        let base = group * keyCount
        for offset in 0..<keyCount where keys[base + offset] != key[offset] { return false }
        return true
    }

    private func hash(_ key: UnsafePointer<Int64>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        for offset in 0..<keyCount {
            hash = (hash ^ UInt64(bitPattern: key[offset])) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        return hash
    }

    private mutating func insert(_ key: UnsafePointer<Int64>, at position: Int) -> Int {
        let group = groupCount
        groupCount += 1
        for offset in 0..<keyCount { keys.append(key[offset]) }
        rowCounts.append(0)
        statistics.append(contentsOf: repeatElement(ValueStatistics(), count: valueCount))
        index[position] = Int32(truncatingIfNeeded: group)
        if groupCount * 2 > index.count { rehash() }
        return group
    }

    private mutating func rehash() {
        index = [Int32](repeating: -1, count: index.count * 2)
        let mask = index.count - 1
        keys.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for group in 0..<groupCount {
                var position = Int(truncatingIfNeeded: hash(base + group * keyCount)) & mask
                while index[position] >= 0 { position = (position + 1) & mask }
                index[position] = Int32(truncatingIfNeeded: group)
            }
        }
    }
}
