/// The distinct values of every `count(DISTINCT …)` of one group table, in open-addressing hash sets of
/// (group, set, value) entries, and nothing per row beyond the probe. One set for all groups (rather than one per
/// group) keeps a table of millions of groups with a few values each compact.
///
/// Most entries fit one 64-bit word (``packed``): a text id or an integer in `0..<2^32`, of a (group, set) pair
/// numbered below 2^31. Those take 8 bytes a slot at a load of at most 3/4, about 11 to 21 bytes per distinct
/// (group, value) pair, and one cache line per probe. Any other entry (a negative or large integer, a double) goes
/// to a second set of 16-byte (tag, payload) slots at a load of at most 1/2. A value's form decides its set, so the
/// two never hold the same entry.
///
/// A value is a ``Value``: an integer (also a double with an integral value in the `Int64` range, so `1` and `1.0`
/// are one value), another double by its bit pattern, or a text by its id in the table's ``TextPool``.
final class DistinctSet: @unchecked Sendable {
    /// One distinct value, as the kernel compares them.
    struct Value: Hashable {
        enum Kind: UInt64 {
            case integer = 0
            case double = 1
            case text = 2
        }
        var kind: Kind
        /// The integer, the double's bit pattern, or the text id.
        var payload: Int64

        static func number(_ value: Double) -> Value {
            if value == value.rounded(.towardZero), abs(value) < 9.2e18 {
                return Value(kind: .integer, payload: Int64(value))  // also -0.0
            }
            return Value(kind: .double, payload: Int64(bitPattern: value.bitPattern))
        }
    }

    /// Sets one table holds (14 bits of the tag).
    static let maximumSets = 1 << 14

    /// `count(DISTINCT …)` columns of the table: (group, set) pairs are numbered `group * sets + set`.
    private let sets: Int
    /// Packed entries: 0 is empty, else `(group * sets + set + 1) << 33 | isText << 32 | payload`.
    private var packed: UnsafeMutablePointer<UInt64>
    private var packedSize = 0
    private var packedCount = 0
    /// Wide entries: `tag` 0 is empty, else `(group + 1) << 16 | set << 2 | kind`.
    private var tags: UnsafeMutablePointer<UInt64>
    private var payloads: UnsafeMutablePointer<Int64>
    private var size = 0
    private var wideCount = 0

    /// Distinct (group, set, value) entries.
    var count: Int { packedCount + wideCount }

    init(sets: Int = 1) {
        self.sets = max(1, sets)
        packed = TableMemory.allocate(UInt64.self, capacity: 0)
        tags = TableMemory.allocate(UInt64.self, capacity: 0)
        payloads = TableMemory.allocate(Int64.self, capacity: 0)
    }

    deinit {
        TableMemory.deallocate(packed)
        TableMemory.deallocate(tags)
        TableMemory.deallocate(payloads)
    }

    /// Adds `value` to set `set` of `group`; true when it was not there yet.
    @inline(__always)
    func insert(group: Int, set: Int, _ value: Value) -> Bool {
        let pair = group &* sets &+ set &+ 1
        if pair < 1 << 31, value.kind != .double, UInt64(bitPattern: value.payload) < 1 << 32 {
            return insertPacked(
                UInt64(pair) << 33 | (value.kind == .text ? 1 << 32 : 0) | UInt64(bitPattern: value.payload))
        }
        return insertWide(group: group, set: set, value)
    }

    @inline(__always)
    private func insertPacked(_ entry: UInt64) -> Bool {
        if (packedCount &+ 1) &* 4 > packedSize &* 3 { resizePacked(to: max(64, packedSize &* 2)) }
        let mask = packedSize &- 1
        var position = Int(truncatingIfNeeded: Self.mix(entry)) & mask
        while true {
            let stored = packed[position]
            if stored == entry { return false }
            if stored == 0 {
                packed[position] = entry
                packedCount &+= 1
                return true
            }
            position = (position &+ 1) & mask
        }
    }

    private func insertWide(group: Int, set: Int, _ value: Value) -> Bool {
        if (wideCount &+ 1) &* 2 > size { resize(to: max(64, size &* 2)) }
        let tag = UInt64(group &+ 1) << 16 | UInt64(set) << 2 | value.kind.rawValue
        let mask = size &- 1
        var position = Int(truncatingIfNeeded: Self.hash(tag, value.payload)) & mask
        while true {
            let stored = tags[position]
            if stored == 0 {
                tags[position] = tag
                payloads[position] = value.payload
                wideCount &+= 1
                return true
            }
            if stored == tag, payloads[position] == value.payload { return false }
            position = (position &+ 1) & mask
        }
    }

    /// Every entry, in no particular order.
    func forEach(_ body: (_ group: Int, _ set: Int, _ value: Value) -> Void) {
        for position in 0..<packedSize where packed[position] != 0 {
            let entry = packed[position]
            let pair = Int(entry >> 33) - 1
            body(
                pair / sets, pair % sets,
                Value(kind: entry & 1 << 32 != 0 ? .text : .integer, payload: Int64(entry & 0xFFFF_FFFF)))
        }
        for position in 0..<size where tags[position] != 0 {
            let tag = tags[position]
            body(
                Int(tag >> 16) - 1, Int(tag >> 2 & 0x3FFF),
                Value(kind: Value.Kind(rawValue: tag & 3) ?? .integer, payload: payloads[position]))
        }
    }

    @inline(__always)
    private static func mix(_ entry: UInt64) -> UInt64 {
        var hash = (entry ^ (entry >> 31)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 29
        return hash ^ (hash >> 32)
    }

    private func resizePacked(to newSize: Int) {
        let old = packed
        let oldSize = packedSize
        packed = TableMemory.allocate(UInt64.self, capacity: newSize)
        packed.initialize(repeating: 0, count: newSize)
        packedSize = newSize
        let mask = newSize - 1
        for index in 0..<oldSize where old[index] != 0 {
            var position = Int(truncatingIfNeeded: Self.mix(old[index])) & mask
            while packed[position] != 0 { position = (position + 1) & mask }
            packed[position] = old[index]
        }
        TableMemory.deallocate(old)
    }

    private static func hash(_ tag: UInt64, _ payload: Int64) -> UInt64 {
        var hash = (tag ^ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ UInt64(bitPattern: payload) ^ (hash >> 29)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }

    private func resize(to newSize: Int) {
        let oldTags = tags
        let oldPayloads = payloads
        let oldSize = size
        tags = TableMemory.allocate(UInt64.self, capacity: newSize)
        tags.initialize(repeating: 0, count: newSize)
        payloads = TableMemory.allocate(Int64.self, capacity: newSize)
        size = newSize
        let mask = newSize - 1
        for index in 0..<oldSize where oldTags[index] != 0 {
            var position = Int(truncatingIfNeeded: Self.hash(oldTags[index], oldPayloads[index])) & mask
            while tags[position] != 0 { position = (position + 1) & mask }
            tags[position] = oldTags[index]
            payloads[position] = oldPayloads[index]
        }
        TableMemory.deallocate(oldTags)
        TableMemory.deallocate(oldPayloads)
    }
}
