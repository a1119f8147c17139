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
    /// Text keys are stored as `textBase + id` of ``texts``: above every INT32 key, so one Int64 slot holds either.
    static let textBase = Int64(1) << 40

    /// The text keys of this table.
    let texts = TextPool()

    @inline(__always)
    static func isText(_ key: Int64) -> Bool { key >= textBase }

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
    /// Open addressing: 0 for an empty slot, else `(hash >> 32) << 32 | (group + 1)`; the size is a power of two at
    /// least twice `groupCount`. The stored hash bits let a probe skip a slot without loading that group's keys,
    /// which at millions of groups is a cache miss per probe.
    private var index: UnsafeMutablePointer<UInt64>
    private var indexSize = 64
    private var lastGroup = -1

    init(keyCount: Int, valueCount: Int) {
        self.keyCount = keyCount
        self.valueCount = valueCount
        keys = TableMemory.allocate(Int64.self, capacity: 0)
        counts = TableMemory.allocate(Int64.self, capacity: 0)
        statistics = TableMemory.allocate(ValueStatistics.self, capacity: 0)
        index = TableMemory.allocate(UInt64.self, capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
    }

    deinit {
        TableMemory.deallocate(keys)
        TableMemory.deallocate(counts)
        statistics.deinitialize(count: groupCount * valueCount)
        TableMemory.deallocate(statistics)
        TableMemory.deallocate(index)
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
        // Text ids are per table: translate the other table's through this one's pool.
        let translated = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, keyCount))
        defer { translated.deallocate() }
        for group in 0..<other.groupCount {
            let source = other.keys + group * keyCount
            for position in 0..<keyCount {
                let value = source[position]
                if Self.isText(value) {
                    let text = other.texts.bytes(Int(value - Self.textBase))
                    translated[position] = Self.textBase + Int64(texts.intern(text.baseAddress!, count: text.count))
                } else {
                    translated[position] = value
                }
            }
            let target = lookup(translated)
            counts[target] &+= other.counts[group]
            for column in 0..<valueCount {
                statistics[target * valueCount + column].merge(other.statistics[group * valueCount + column])
            }
        }
        lastGroup = -1
    }

    /// Adds `rows` to the row count of `group` (loading a partial result).
    func addRows(_ rows: Int64, group: Int) { counts[group] &+= rows }

    /// Folds `other` into the statistics of `group`'s value `column` (loading a partial result).
    func merge(_ other: ValueStatistics, group: Int, value column: Int) {
        statistics[group &* valueCount &+ column].merge(other)
    }

    /// Makes room for `total` groups, so a merge of that many inserts without growing or rehashing on the way.
    func reserve(groups total: Int) {
        if total > capacity { grow(to: total) }
        var size = indexSize
        while total * 2 > size { size *= 2 }
        if size != indexSize { rehash(to: size) }
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
        let hashed = hash(key)
        let tag = hashed & 0xFFFF_FFFF_0000_0000
        var position = Int(truncatingIfNeeded: hashed) & mask
        while true {
            let entry = index[position]
            if entry == 0 { return insert(key, at: position, tag: tag) }
            let candidate = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
            if entry & 0xFFFF_FFFF_0000_0000 == tag, equal(candidate, key) { return candidate }
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

    private func insert(_ key: UnsafePointer<Int64>, at position: Int, tag: UInt64) -> Int {
        if groupCount == capacity { grow(to: max(64, capacity * 2)) }
        let group = groupCount
        groupCount += 1
        (keys + group * keyCount).update(from: key, count: keyCount)
        counts[group] = 0
        (statistics + group * valueCount).initialize(repeating: ValueStatistics(), count: valueCount)
        index[position] = tag | UInt64(group + 1)
        if groupCount * 2 > indexSize { rehash(to: indexSize * 2) }
        return group
    }

    private func grow(to newCapacity: Int) {
        let grownKeys = TableMemory.allocate(Int64.self, capacity: newCapacity * keyCount)
        grownKeys.update(from: keys, count: groupCount * keyCount)
        TableMemory.deallocate(keys)
        keys = grownKeys
        let grownCounts = TableMemory.allocate(Int64.self, capacity: newCapacity)
        grownCounts.update(from: counts, count: groupCount)
        TableMemory.deallocate(counts)
        counts = grownCounts
        let grownStatistics = TableMemory.allocate(ValueStatistics.self, capacity: newCapacity * valueCount)
        grownStatistics.moveInitialize(from: statistics, count: groupCount * valueCount)
        TableMemory.deallocate(statistics)
        statistics = grownStatistics
        capacity = newCapacity
    }

    private func rehash(to size: Int) {
        TableMemory.deallocate(index)
        indexSize = size
        index = TableMemory.allocate(UInt64.self, capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        let mask = indexSize - 1
        for group in 0..<groupCount {
            let hashed = hash(keys + group * keyCount)
            var position = Int(truncatingIfNeeded: hashed) & mask
            while index[position] != 0 { position = (position + 1) & mask }
            index[position] = hashed & 0xFFFF_FFFF_0000_0000 | UInt64(group + 1)
        }
    }
}
