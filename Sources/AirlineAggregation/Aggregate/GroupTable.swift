/// Hash aggregation state of one worker: group keys packed row-major as `Int64` (null = `Int64.min`, which no
/// INT32 key can produce), an open-addressing index, per-group row counts and value statistics.
///
/// Rows arriving in key order (the airline files are sorted by date) hit a one-entry cache of the previous group,
/// so the hash index is touched only when the key changes.
///
/// A reference type over manually managed storage, so the per-row path is plain pointer arithmetic (no
/// uniqueness or bounds checks). Each worker owns its table exclusively and hands it over only when it is done,
/// which is what makes the `@unchecked Sendable` sound.
final class GroupTable: @unchecked Sendable {
    static let nullKey = Int64.min

    let keyCount: Int
    let valueCount: Int
    private(set) var groupCount = 0
    private var capacity = 0
    /// `groupCount * keyCount` key values.
    private var keys: UnsafeMutablePointer<Int64>
    /// Rows per group (count(*)).
    private var counts: UnsafeMutablePointer<Int64>
    /// `groupCount * valueCount` statistics blocks.
    private var statistics: UnsafeMutablePointer<ValueStatistics>
    /// Open addressing: group index or -1; the size is a power of two at least twice `groupCount`.
    private var index: UnsafeMutablePointer<Int32>
    private var indexSize = 64
    private var lastGroup = -1

    init(keyCount: Int, valueCount: Int) {
        self.keyCount = keyCount
        self.valueCount = valueCount
        keys = .allocate(capacity: 0)
        counts = .allocate(capacity: 0)
        statistics = .allocate(capacity: 0)
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: -1, count: indexSize)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
        statistics.deinitialize(count: groupCount * valueCount)
        statistics.deallocate()
        index.deallocate()
    }

    /// The group for `key` (keyCount values), created if new.
    @inline(__always)
    func group(for key: UnsafePointer<Int64>) -> Int {
        if lastGroup >= 0 {
            let last = keys + lastGroup &* keyCount
            var same = true
            for offset in 0..<keyCount where last[offset] != key[offset] {
                same = false
                break
            }
            if same { return lastGroup }
        }
        lastGroup = lookup(key)
        return lastGroup
    }

    @inline(__always)
    func countRow(group: Int) { counts[group] &+= 1 }

    @inline(__always)
    func add(_ value: Int64, group: Int, value column: Int) {
        statistics[group &* valueCount &+ column].add(value)
    }

    @inline(__always)
    func add(_ value: Double, group: Int, value column: Int) {
        statistics[group &* valueCount &+ column].add(value)
    }

    /// Folds another worker's partial result into this one.
    func merge(_ other: GroupTable) {
        for group in 0..<other.groupCount {
            let target = lookup(other.keys + group * keyCount)
            counts[target] &+= other.counts[group]
            for column in 0..<valueCount {
                statistics[target * valueCount + column].merge(other.statistics[group * valueCount + column])
            }
        }
        lastGroup = -1
    }

    /// Key value `position` of `group`.
    func key(_ position: Int, of group: Int) -> Int64 { keys[group * keyCount + position] }

    /// Rows of `group` (count(*)). A per-group accessor, not an array: callers map over thousands to millions of
    /// groups, and a computed array would be copied on every access.
    func rowCount(of group: Int) -> Int64 { counts[group] }

    func statistics(group: Int, value column: Int) -> ValueStatistics { statistics[group * valueCount + column] }

    // MARK: Hashing

    private func lookup(_ key: UnsafePointer<Int64>) -> Int {
        let mask = indexSize - 1
        var position = Int(truncatingIfNeeded: hash(key)) & mask
        while true {
            let candidate = Int(index[position])
            if candidate < 0 { return insert(key, at: position) }
            if equal(candidate, key) { return candidate }
            position = (position + 1) & mask
        }
    }

    private func equal(_ group: Int, _ key: UnsafePointer<Int64>) -> Bool {
        let stored = keys + group * keyCount
        for offset in 0..<keyCount where stored[offset] != key[offset] { return false }
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

    private func insert(_ key: UnsafePointer<Int64>, at position: Int) -> Int {
        if groupCount == capacity { grow() }
        let group = groupCount
        groupCount += 1
        (keys + group * keyCount).update(from: key, count: keyCount)
        counts[group] = 0
        (statistics + group * valueCount).initialize(repeating: ValueStatistics(), count: valueCount)
        index[position] = Int32(truncatingIfNeeded: group)
        if groupCount * 2 > indexSize { rehash() }
        return group
    }

    private func grow() {
        let newCapacity = max(64, capacity * 2)
        let grownKeys = UnsafeMutablePointer<Int64>.allocate(capacity: newCapacity * keyCount)
        grownKeys.update(from: keys, count: groupCount * keyCount)
        keys.deallocate()
        keys = grownKeys
        let grownCounts = UnsafeMutablePointer<Int64>.allocate(capacity: newCapacity)
        grownCounts.update(from: counts, count: groupCount)
        counts.deallocate()
        counts = grownCounts
        let grownStatistics = UnsafeMutablePointer<ValueStatistics>.allocate(capacity: newCapacity * valueCount)
        grownStatistics.moveInitialize(from: statistics, count: groupCount * valueCount)
        statistics.deallocate()
        statistics = grownStatistics
        capacity = newCapacity
    }

    private func rehash() {
        index.deallocate()
        indexSize *= 2
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: -1, count: indexSize)
        let mask = indexSize - 1
        for group in 0..<groupCount {
            var position = Int(truncatingIfNeeded: hash(keys + group * keyCount)) & mask
            while index[position] >= 0 { position = (position + 1) & mask }
            index[position] = Int32(truncatingIfNeeded: group)
        }
    }
}
