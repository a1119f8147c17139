import CMemoryMapping

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
    /// Value columns whose spellings are tracked for a text min/max (``TextExtremes`` per group each).
    let textColumnCount: Int
    /// `count(DISTINCT …)` input columns (a set each in ``distinct``, a count per group each).
    let distinctCount: Int
    private(set) var groupCount = 0
    private var capacity = 0
    /// `groupCount * keyCount` key values.
    private var keys: UnsafeMutablePointer<Int64>
    /// One record of `recordWords` words per group: its row count (count(*)), then a ``ValueTotals`` per value
    /// column, then a ``ValueRange`` per range column. Together, so a row of a group that is not in cache costs one
    /// miss (or two adjacent lines), not one per array.
    private var records: UnsafeMutablePointer<Int64>
    private let recordWords: Int
    /// Value columns that keep a min/max (`min`/`max` inputs): a ``ValueRange`` per group each.
    let rangeCount: Int
    /// Value column → its range column, or -1 when the query reads no min/max of it.
    private let rangeOfValue: UnsafeMutablePointer<Int>
    /// `groupCount * textColumnCount` text extremes.
    private var extremes: UnsafeMutablePointer<TextExtremes>
    /// `groupCount * distinctCount` distinct-value counts.
    private var distinctCounts: UnsafeMutablePointer<Int64>
    /// The distinct values of every group.
    let distinct: DistinctSet
    /// Open addressing: 0 for an empty slot, else `(hash >> 32) << 32 | (group + 1)`; the size is a power of two at
    /// least twice `indexedCount`. The stored hash bits let a probe skip a slot without loading that group's keys,
    /// which at millions of groups is a cache miss per probe.
    ///
    /// A group whose only key is a text is not in the index: ``groupOfText`` is its index (a text id is one text, so
    /// a text the map does not know is a new group). Hundreds of thousands of tail numbers then cost no index
    /// growth, rehashing or probing beside the map.
    private var index: UnsafeMutablePointer<UInt64>
    private var indexSize = 64
    /// Groups in ``index``.
    private var indexedCount = 0
    /// Set by ``releaseIndex()``: `index` is empty until the next lookup rebuilds it.
    private var indexReleased = false
    /// Set by ``releaseValues()``.
    private var valuesReleased = false
    private var lastGroup = -1
    /// The key of `lastGroup`, kept here: reading it from `keys` is a cache miss whenever keys change every row.
    private let lastKey: UnsafeMutablePointer<Int64>
    /// One text key only: text id → group + 1 (0 when not known yet), so a row's group is one array read after
    /// interning instead of a second hash probe. Groups are still indexed, the map only answers first.
    private var groupOfText: UnsafeMutablePointer<UInt32>
    private var groupOfTextCapacity = 0
    /// Set by ``appendRows()``: every new key becomes a group of its own without a hash lookup, so the table may
    /// hold one key in several groups until ``foldDuplicateKeys()`` (see `GroupTable+Folding.swift`).
    private(set) var appendsRows = false
    /// The groups in ascending key order (every key ascending, the default null placement), when known: set by
    /// ``foldDuplicateKeys()``, which sorts anyway, and dropped by any change to the groups.
    var keyOrder: [Int]?

    /// `rangeColumns` lists the value columns that keep a min/max; nil keeps one for every value column.
    init(
        keyCount: Int, valueCount: Int, textColumnCount: Int = 0, distinctCount: Int = 0, rangeColumns: [Int]? = nil
    ) {
        self.keyCount = keyCount
        self.valueCount = valueCount
        let rangeColumns = rangeColumns ?? Array(0..<valueCount)
        rangeCount = rangeColumns.count
        rangeOfValue = .allocate(capacity: max(1, valueCount))
        rangeOfValue.initialize(repeating: -1, count: max(1, valueCount))
        for (range, column) in rangeColumns.enumerated() { rangeOfValue[column] = range }
        self.textColumnCount = textColumnCount
        self.distinctCount = distinctCount
        distinct = DistinctSet(sets: distinctCount)
        keys = TableMemory.allocate(Int64.self, capacity: 0)
        recordWords = 1 + valueCount * Self.totalsWords + rangeColumns.count * Self.rangeWords
        records = TableMemory.allocate(Int64.self, capacity: 0)
        extremes = TableMemory.allocate(TextExtremes.self, capacity: 0)
        distinctCounts = TableMemory.allocate(Int64.self, capacity: 0)
        index = TableMemory.allocate(UInt64.self, capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        groupOfText = TableMemory.allocate(UInt32.self, capacity: 0)
        lastKey = .allocate(capacity: max(1, keyCount))
    }

    deinit {
        TableMemory.deallocate(groupOfText)
        lastKey.deallocate()
        TableMemory.deallocate(keys)
        TableMemory.deallocate(records)
        rangeOfValue.deallocate()
        TableMemory.deallocate(extremes)
        TableMemory.deallocate(distinctCounts)
        TableMemory.deallocate(index)
    }

    /// An empty table for `plan`'s keys and states.
    convenience init(plan: QueryPlan) {
        self.init(
            keyCount: plan.keySlots.count, valueCount: plan.valueSlots.count,
            textColumnCount: plan.textValueColumns.count, distinctCount: plan.distinctSlots.count,
            rangeColumns: plan.valueSlots.indices.filter { plan.slots[plan.valueSlots[$0]].minMaxInput })
    }

    /// The group for `key` (keyCount values), created if new.
    @inline(__always)
    func group(for key: UnsafePointer<Int64>) -> Int {
        if lastGroup >= 0 {
            var same = true
            for offset in 0..<keyCount where lastKey[offset] != key[offset] {
                same = false
                break
            }
            if same { return lastGroup }
        }
        lastGroup = appendsRows ? appendGroup(key) : find(key)
        lastKey.update(from: key, count: keyCount)
        return lastGroup
    }

    /// The group for `key`, created if new, through the map or the index.
    @inline(__always)
    private func find(_ key: UnsafePointer<Int64>) -> Int {
        keyCount == 1 && Self.isText(key[0]) ? textGroup(key) : lookup(key)
    }

    /// The group of a single text key, through ``groupOfText``.
    @inline(__always)
    private func textGroup(_ key: UnsafePointer<Int64>) -> Int {
        let id = Int(truncatingIfNeeded: key[0] &- Self.textBase)
        if id < groupOfTextCapacity {
            let known = groupOfText[id]
            if known != 0 { return Int(known) &- 1 }
        }
        return newTextGroup(key, id: id)
    }

    /// A single text key that ``groupOfText`` does not know is a new group, unless the map was released with the
    /// index (then both are rebuilt and asked again).
    private func newTextGroup(_ key: UnsafePointer<Int64>, id: Int) -> Int {
        if indexReleased {
            rehash(to: indexSize)
            return textGroup(key)
        }
        let group = appendGroup(key)
        setGroup(group, ofText: id)
        return group
    }

    private func setGroup(_ group: Int, ofText id: Int) {
        precondition(group < Int(UInt32.max), "more groups than the text → group map holds")
        if id >= groupOfTextCapacity {
            let capacity = max(1024, groupOfTextCapacity * 2, id + 1)
            groupOfText = TableMemory.grown(groupOfText, from: groupOfTextCapacity, to: capacity)
            (groupOfText + groupOfTextCapacity).initialize(repeating: 0, count: capacity - groupOfTextCapacity)
            groupOfTextCapacity = capacity
        }
        groupOfText[id] = UInt32(group + 1)
    }

    /// Starts loading the entry of ``groupOfText`` for text `id` (see ``prefetchRecord(ofText:)``).
    @inline(__always)
    func prefetchGroup(ofText id: Int) {
        if id < groupOfTextCapacity { c_memory_prefetch(groupOfText + id) }
    }

    /// Starts loading the record of the group whose single text key is text `id`, when that group is known: a
    /// parser that sees the key a few rows ahead has the record's lines on the way by the time the row is added.
    @inline(__always)
    func prefetchRecord(ofText id: Int) {
        guard id < groupOfTextCapacity else { return }
        let known = Int(groupOfText[id])
        guard known != 0 else { return }
        let record = records + (known &- 1) &* recordWords
        c_memory_prefetch_write(record)
        c_memory_prefetch_write(record + (recordWords &- 1))
    }

    @inline(__always)
    func countRow(group: Int) { records[group &* recordWords] &+= 1 }

    @inline(__always)
    func add(_ value: Int64, group: Int, value column: Int) {
        withTotals(group, column) { $0.add(value) }
        let range = rangeOfValue[column]
        if range >= 0 { withRange(group, range) { $0.add(value) } }
    }

    @inline(__always)
    func add(_ value: Double, group: Int, value column: Int) {
        withTotals(group, column) { $0.add(value) }
        let range = rangeOfValue[column]
        if range >= 0 { withRange(group, range) { $0.add(value) } }
    }

    /// Counts a value of text column `column` when `isText`, and folds its spelling into the group's extremes.
    @inline(__always)
    func track(_ start: UnsafePointer<UInt8>, count length: Int, isText: Bool, group: Int, text column: Int) {
        let state = extremes + (group &* textColumnCount &+ column)
        if isText { state.pointee.textCount &+= 1 }
        if state.pointee.minimum < 0 {
            let id = Int32(texts.intern(start, count: length))
            state.pointee.minimum = id
            state.pointee.maximum = id
        } else if texts.compare(start, count: length, with: Int(state.pointee.minimum)) < 0 {
            state.pointee.minimum = Int32(texts.intern(start, count: length))
        } else if texts.compare(start, count: length, with: Int(state.pointee.maximum)) > 0 {
            state.pointee.maximum = Int32(texts.intern(start, count: length))
        }
    }

    /// Adds `count` text values to `group`'s text column `column` (loading a partial result).
    func addTextValues(_ count: Int64, group: Int, text column: Int) {
        extremes[group * textColumnCount + column].textCount &+= count
    }

    /// Adds `value` to the distinct set `set` of `group`.
    @inline(__always)
    func addDistinct(_ value: DistinctSet.Value, group: Int, set: Int) {
        if distinct.insert(group: group, set: set, value) { distinctCounts[group &* distinctCount &+ set] &+= 1 }
    }

    /// The text state of `column` in `group`.
    @inline(__always)
    func extremes(group: Int, text column: Int) -> TextExtremes {
        precondition(!valuesReleased, "the group values were released")
        return extremes[group * textColumnCount + column]
    }

    /// Distinct values of set `set` in `group`.
    @inline(__always)
    func distinctCount(group: Int, set: Int) -> Int64 {
        precondition(!valuesReleased, "the group values were released")
        return distinctCounts[group * distinctCount + set]
    }

    /// Frees every group's values (row counts, statistics, text extremes, distinct counts), keeping the keys:
    /// finalisation calls it once the aggregates are columns, so the key columns are built beside the aggregate
    /// columns rather than beside the whole table. The table cannot be aggregated into or read for values after.
    func releaseValues() {
        valuesReleased = true
        TableMemory.deallocate(records)
        records = TableMemory.allocate(Int64.self, capacity: 0)
        TableMemory.deallocate(extremes)
        extremes = TableMemory.allocate(TextExtremes.self, capacity: 0)
        TableMemory.deallocate(distinctCounts)
        distinctCounts = TableMemory.allocate(Int64.self, capacity: 0)
    }

    /// Folds text extremes whose ids are in `pool` into `group`'s (loading or merging a partial result).
    func merge(_ other: TextExtremes, from pool: TextPool, group: Int, text column: Int) {
        let state = extremes + (group * textColumnCount + column)
        state.pointee.textCount &+= other.textCount
        for id in [other.minimum, other.maximum] where id >= 0 {
            let bytes = pool.bytes(Int(id))
            track(
                bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, isText: false, group: group,
                text: column)
        }
    }

    /// Folds another worker's partial result into this one. With `consuming`, `other` is emptied on the way: its
    /// index is freed first and the pages of its keys and records as the merge passes them, so the merge of two
    /// tables of millions of groups does not hold both whole beside the grown result (it is left with no groups).
    func merge(_ other: GroupTable, consuming: Bool = false) {
        if consuming { other.releaseIndex() }
        // Text ids are per table: each of the other pool's texts is interned here once, then keys and distinct
        // values are translated through that map (not re-interned per group).
        let remap = texts.ids(of: other.texts)
        defer { remap.deallocate() }
        let translated = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, keyCount))
        defer { translated.deallocate() }
        var targets = [Int](repeating: 0, count: other.groupCount)
        for group in 0..<other.groupCount {
            if consuming, group & 0xFFFF == 0, group > 0 { other.discardPages(below: group) }
            if keyCount == 1 { prefetchTextGroups(of: other, ahead: group, remap: remap) }
            let source = other.keys + group * keyCount
            for position in 0..<keyCount { translated[position] = Self.translated(source[position], through: remap) }
            let target = appendsRows ? appendGroup(translated) : find(translated)
            targets[group] = target
            add(group, of: other, to: target)
        }
        other.distinct.forEach { group, set, value in
            let local = value.kind == .text ? DistinctSet.Value(kind: .text, payload: remap[Int(value.payload)]) : value
            addDistinct(local, group: targets[group], set: set)
        }
        lastGroup = -1
        if consuming { other.removeAll() }
    }

    /// In a merge of one-key tables, the map entry of `other`'s group 16 ahead of `group` and the record of the one
    /// 8 ahead are requested (when their keys are texts): the groups come in the other table's order, which is a
    /// random one here.
    @inline(__always)
    private func prefetchTextGroups(of other: GroupTable, ahead group: Int, remap: UnsafePointer<Int64>) {
        let far = group &+ 16
        if far < other.groupCount, case let key = other.keys[far], Self.isText(key) {
            prefetchGroup(ofText: Int(remap[Int(key &- Self.textBase)]))
        }
        let near = group &+ 8
        if near < other.groupCount, case let key = other.keys[near], Self.isText(key) {
            prefetchRecord(ofText: Int(remap[Int(key &- Self.textBase)]))
        }
    }

    /// Returns the memory pages that hold only the keys and records of groups below `group` to the system (their
    /// contents are lost: for a table being consumed by a merge).
    private func discardPages(below group: Int) {
        TableMemory.discard(keys, count: group * keyCount)
        TableMemory.discard(records, count: group * recordWords)
    }

    /// No groups left (after a consuming merge).
    private func removeAll() {
        groupCount = 0
        indexedCount = 0
        lastGroup = -1
        releaseIndex()
    }

    /// Adds `rows` to the row count of `group` (loading a partial result).
    func addRows(_ rows: Int64, group: Int) { records[group * recordWords] &+= rows }

    /// Folds `other` into the statistics of `group`'s value `column` (loading a partial result).
    func merge(_ other: ValueStatistics, group: Int, value column: Int) {
        withTotals(group, column) { $0.merge(other.totals) }
        let range = rangeOfValue[column]
        if range >= 0 { withRange(group, range) { $0.merge(other.range) } }
    }

    /// Makes room for `total` groups, so a merge of that many inserts without growing or rehashing on the way.
    func reserve(groups total: Int) {
        precondition(!valuesReleased, "the group values were released")
        if total > capacity { grow(to: total) }
        if appendsRows { return }
        // Groups of one text key stay out of the index: it is sized for the share of groups that are in it so far.
        let indexed = groupCount == 0 ? total : (total * indexedCount + groupCount - 1) / groupCount
        var size = indexSize
        while indexed * 2 > size { size *= 2 }
        if size != indexSize { rehash(to: size) }
    }

    /// Key value `position` of `group`.
    @inline(__always)
    func key(_ position: Int, of group: Int) -> Int64 { keys[group * keyCount + position] }

    /// Rows of `group` (count(*)). A per-group accessor, not an array: callers map over thousands to millions of
    /// groups, and a computed array would be copied on every access.
    @inline(__always)
    func rowCount(of group: Int) -> Int64 {
        precondition(!valuesReleased, "the group values were released")
        return records[group * recordWords]
    }

    /// The statistics of `group`'s value `column`; its range is empty when the column keeps none.
    @inline(__always)
    func statistics(group: Int, value column: Int) -> ValueStatistics {
        precondition(!valuesReleased, "the group values were released")
        let range = rangeOfValue[column]
        return ValueStatistics(
            totals: withTotals(group, column) { $0 },
            range: range >= 0 ? withRange(group, range) { $0 } : ValueRange())
    }

    private static let totalsWords = MemoryLayout<ValueTotals>.stride / 8
    private static let rangeWords = MemoryLayout<ValueRange>.stride / 8

    /// The totals of `group`'s value `column`, in place.
    @inline(__always)
    private func withTotals<Result>(_ group: Int, _ column: Int, _ body: (inout ValueTotals) -> Result) -> Result {
        (records + (group &* recordWords &+ 1 &+ column &* Self.totalsWords)).withMemoryRebound(
            to: ValueTotals.self, capacity: 1
        ) { body(&$0.pointee) }
    }

    /// The range of `group`'s range column `range`, in place.
    @inline(__always)
    private func withRange<Result>(_ group: Int, _ range: Int, _ body: (inout ValueRange) -> Result) -> Result {
        (records + (group &* recordWords &+ 1 &+ valueCount &* Self.totalsWords &+ range &* Self.rangeWords))
            .withMemoryRebound(to: ValueRange.self, capacity: 1) { body(&$0.pointee) }
    }

    // MARK: Appending (see GroupTable+Folding.swift)

    /// From now on every row whose key differs from the previous row's becomes a new group, without a hash
    /// lookup: for keys that are nearly all distinct, where a lookup is a cache miss that finds nothing. The hash
    /// index is freed. Not for `count(DISTINCT …)` (its sets cannot be folded).
    func appendRows() {
        precondition(distinctCount == 0, "count(DISTINCT) sets cannot be folded")
        appendsRows = true
        releaseIndex()
    }

    /// Adds the row count, statistics and text extremes of `source`'s group `group` to this table's `target` (a
    /// merge of another worker's table, or, with `source` this table, the fold of two groups of one key: then the
    /// spellings are found in the pool, nothing is added to it). Distinct sets are not included.
    func add(_ group: Int, of source: GroupTable, to target: Int) {
        records[target * recordWords] &+= source.rowCount(of: group)
        for column in 0..<valueCount {
            merge(source.statistics(group: group, value: column), group: target, value: column)
        }
        for column in 0..<textColumnCount {
            merge(
                source.extremes[group * source.textColumnCount + column], from: source.texts, group: target,
                text: column)
        }
    }

    /// A key of another table with its text id translated through `remap` (from ``TextPool/ids(of:)``).
    @inline(__always)
    static func translated(_ key: Int64, through remap: UnsafePointer<Int64>) -> Int64 {
        isText(key) ? textBase + remap[Int(key - textBase)] : key
    }

    /// Copies the keys and values of `count` groups from `source` on over the groups from `target` on (compacting
    /// the table: `target` is below `source`, the ranges may overlap).
    func move(_ count: Int, from source: Int, to target: Int) {
        func shift<T>(_ storage: UnsafeMutablePointer<T>, width: Int) {
            UnsafeMutableRawPointer(storage + target * width).copyMemory(
                from: storage + source * width, byteCount: count * width * MemoryLayout<T>.stride)
        }
        shift(keys, width: keyCount)
        shift(records, width: recordWords)
        shift(extremes, width: textColumnCount)
    }

    /// Appends every group of `other` (same query, another worker) after this table's, without looking keys up:
    /// keys and text extremes are translated to this table's text ids, records are copied as blocks. `other` is
    /// emptied on the way (its pages are returned as they are passed), as by a consuming ``merge(_:consuming:)``.
    func appendGroups(of other: GroupTable) {
        precondition(appendsRows && other.distinctCount == 0, "appending groups is for appending tables")
        keyOrder = nil
        lastGroup = -1
        other.releaseIndex()
        let remap = texts.ids(of: other.texts)
        defer { remap.deallocate() }
        let first = groupCount
        if first + other.groupCount > capacity { grow(to: first + other.groupCount) }
        let block = 1 << 16
        var start = 0
        while start < other.groupCount {
            let end = min(other.groupCount, start + block)
            for offset in start * keyCount..<end * keyCount {
                keys[first * keyCount + offset] = Self.translated(other.keys[offset], through: remap)
            }
            (records + (first + start) * recordWords).update(
                from: other.records + start * recordWords, count: (end - start) * recordWords)
            for offset in start * textColumnCount..<end * textColumnCount {
                var state = other.extremes[offset]
                if state.minimum >= 0 { state.minimum = Int32(remap[Int(state.minimum)]) }
                if state.maximum >= 0 { state.maximum = Int32(remap[Int(state.maximum)]) }
                extremes[first * textColumnCount + offset] = state
            }
            groupCount = first + end
            other.discardPages(below: end)
            start = end
        }
        other.removeAll()
    }

    /// Keeps the first `count` groups; the rest are forgotten, and the table groups by lookup again.
    func truncate(to count: Int) {
        groupCount = count
        appendsRows = false
        releaseIndex()
    }

    // MARK: Hashing

    /// Frees the hash index (finalisation needs only the groups); a later lookup builds it again.
    func releaseIndex() {
        TableMemory.deallocate(index)
        index = TableMemory.allocate(UInt64.self, capacity: 0)
        indexReleased = true
        TableMemory.deallocate(groupOfText)
        groupOfText = TableMemory.allocate(UInt32.self, capacity: 0)
        groupOfTextCapacity = 0
        lastGroup = -1
    }

    private func lookup(_ key: UnsafePointer<Int64>) -> Int {
        if indexReleased { rehash(to: indexSize) }
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
        let group = appendGroup(key)
        index[position] = tag | UInt64(group + 1)
        indexedCount += 1
        if indexedCount * 2 > indexSize { rehash(to: indexSize * 2) }
        return group
    }

    /// A new group for `key` with empty values, not entered in the hash index.
    @inline(__always)
    func appendGroup(_ key: UnsafePointer<Int64>) -> Int {
        precondition(!valuesReleased, "the group values were released")
        keyOrder = nil
        if groupCount == capacity { grow(to: max(64, capacity * 2)) }
        let group = groupCount
        groupCount += 1
        (keys + group * keyCount).update(from: key, count: keyCount)
        records[group * recordWords] = 0
        for column in 0..<valueCount { withTotals(group, column) { $0 = ValueTotals() } }
        for range in 0..<rangeCount { withRange(group, range) { $0 = ValueRange() } }
        (extremes + group * textColumnCount).initialize(repeating: TextExtremes(), count: textColumnCount)
        (distinctCounts + group * distinctCount).initialize(repeating: 0, count: distinctCount)
        return group
    }

    private func grow(to newCapacity: Int) {
        keys = TableMemory.grown(keys, from: groupCount * keyCount, to: newCapacity * keyCount)
        records = TableMemory.grown(records, from: groupCount * recordWords, to: newCapacity * recordWords)
        extremes = TableMemory.grown(extremes, from: groupCount * textColumnCount, to: newCapacity * textColumnCount)
        distinctCounts = TableMemory.grown(
            distinctCounts, from: groupCount * distinctCount, to: newCapacity * distinctCount)
        capacity = newCapacity
    }

    private func rehash(to size: Int) {
        indexReleased = false
        TableMemory.deallocate(index)
        // At least twice the groups that go in: an appending or folded table grew without its index. Only when
        // `size` may be short are a one-key table's non-text keys counted (not on every doubling while growing).
        var entering = groupCount
        if keyCount == 1, groupCount * 2 > size {
            entering = (0..<groupCount).reduce(0) { $0 + (Self.isText(keys[$1]) ? 0 : 1) }
        }
        indexSize = size
        while entering * 2 > indexSize { indexSize *= 2 }
        index = TableMemory.allocate(UInt64.self, capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        let mask = indexSize - 1
        indexedCount = 0
        // The map is rebuilt when it was released with the index.
        let rebuildsMap = groupOfTextCapacity == 0
        for group in 0..<groupCount {
            let key = keys + group * keyCount
            if keyCount == 1, Self.isText(key[0]) {
                if rebuildsMap { setGroup(group, ofText: Int(key[0] - Self.textBase)) }
                continue
            }
            let hashed = hash(key)
            var position = Int(truncatingIfNeeded: hashed) & mask
            while index[position] != 0 { position = (position + 1) & mask }
            index[position] = hashed & 0xFFFF_FFFF_0000_0000 | UInt64(group + 1)
            indexedCount += 1
        }
    }
}

/// The text side of a min/max input column in one group: how many values were not numbers, and the smallest and
/// largest spelling of all values (ids in the table's ``TextPool``, -1 before the first value). A column with any
/// text value anywhere is text: its min/max compare spellings byte-wise, as DuckDB compares VARCHAR.
struct TextExtremes: Sendable, Equatable {
    var textCount: Int64 = 0
    var minimum: Int32 = -1
    var maximum: Int32 = -1
}
