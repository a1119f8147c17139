import CMemoryMapping

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interned text keys of one group table: each distinct byte string is stored once in an arena and named by a
/// dense id. Interning hashes the bytes in place and allocates nothing per row (the arena and the index grow by
/// doubling).
///
/// An index slot holds the text's first eight bytes, its length, 24 hash bits and its id, 16 bytes together: a
/// probe for a text of up to eight bytes (airport codes, carriers, tail numbers) is decided in that one cache line,
/// without touching the offsets or the arena, which at hundreds of thousands of texts were two more cache misses
/// per row. Memory per distinct text is its bytes, 8 bytes of offset and 21 to 43 bytes of index (load at most 3/4).
final class TextPool: @unchecked Sendable {
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaSize = 0
    private var arenaCapacity = 1024
    /// Start offset of text `id` is `offsets[id]`, its end `offsets[id + 1]`.
    private var offsets: UnsafeMutablePointer<Int>
    private var offsetCapacity = 64
    /// Open addressing, linear probing: an empty slot has `meta` 0.
    private var index: UnsafeMutablePointer<Slot>
    private var indexSize = 64

    /// Slots of an index kept at most half full.
    private static let smallIndex = 1 << 16

    /// `prefix`: the first eight bytes, zero-padded; `meta`: hash bits 63...40, the length (255 for 255 and more)
    /// 39...32, id + 1 31...0.
    private struct Slot {
        var prefix: UInt64
        var meta: UInt64
    }

    init() {
        arena = .allocate(capacity: arenaCapacity)
        offsets = .allocate(capacity: offsetCapacity)
        offsets[0] = 0
        index = TableMemory.allocate(Slot.self, capacity: indexSize)
        index.initialize(repeating: Slot(prefix: 0, meta: 0), count: indexSize)
    }

    deinit {
        arena.deallocate()
        offsets.deallocate()
        TableMemory.deallocate(index)
    }

    /// The id of these bytes, added if new.
    @inline(__always)
    func intern(_ start: UnsafePointer<UInt8>, count length: Int) -> Int {
        intern(start, count: length, prefix: Self.prefix(start, length))
    }

    /// The id of these bytes, added if new; `prefix` is their ``prefix(_:_:)``.
    @inline(__always)
    func intern(_ start: UnsafePointer<UInt8>, count length: Int, prefix: UInt64) -> Int {
        let hashed = Self.hash(start, length, prefix: prefix)
        let (id, position) = probe(start, length, prefix: prefix, hashed: hashed)
        if id >= 0 { return id }
        return add(start, count: length, at: position, slot: Slot(prefix: prefix, meta: Self.check(hashed, length)))
    }

    /// The id of these bytes, or -1 when they are not interned; `hashed` is their ``hash(of:count:)``.
    @inline(__always)
    func find(_ start: UnsafePointer<UInt8>, count length: Int, hashed: UInt64) -> Int {
        probe(start, length, prefix: Self.prefix(start, length), hashed: hashed).id
    }

    /// The hash that places these bytes in the index.
    @inline(__always)
    static func hash(of start: UnsafePointer<UInt8>, count length: Int) -> UInt64 {
        hash(start, length, prefix: prefix(start, length))
    }

    /// Starts loading the index line where a text of hash `hashed` is probed for.
    @inline(__always)
    func prefetch(hashed: UInt64) {
        c_memory_prefetch(index + (Int(truncatingIfNeeded: hashed) & (indexSize &- 1)))
    }

    /// Hash bits and length: what a slot must match before its prefix and id are read.
    @inline(__always)
    private static func check(_ hashed: UInt64, _ length: Int) -> UInt64 {
        hashed & 0xFFFF_FF00_0000_0000 | UInt64(min(length, 255)) << 32
    }

    /// The id of the text and its slot, or -1 and the empty slot where it would go.
    @inline(__always)
    private func probe(
        _ start: UnsafePointer<UInt8>, _ length: Int, prefix: UInt64, hashed: UInt64
    ) -> (id: Int, position: Int) {
        let check = Self.check(hashed, length)
        let mask = indexSize &- 1
        var position = Int(truncatingIfNeeded: hashed) & mask
        while true {
            let slot = index[position]
            if slot.meta == 0 { return (-1, position) }
            if slot.meta & 0xFFFF_FFFF_0000_0000 == check, slot.prefix == prefix {
                let id = Int(truncatingIfNeeded: slot.meta & 0xFFFF_FFFF) &- 1
                if length <= 8 || restEqual(id, start, length) { return (id, position) }
            }
            position = (position &+ 1) & mask
        }
    }

    /// Bytes 8 and on of text `id` equal those at `start` (its first eight and the length class already match).
    private func restEqual(_ id: Int, _ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let stored = offsets[id]
        guard offsets[id + 1] &- stored == length else { return false }
        return memcmp(arena + stored + 8, start + 8, length - 8) == 0
    }

    private func add(_ start: UnsafePointer<UInt8>, count length: Int, at position: Int, slot: Slot) -> Int {
        let id = count
        // Eight bytes of slack past the last text, so a prefix load of the last one stays inside the arena.
        if arenaSize + length + 8 > arenaCapacity { growArena(to: max(arenaCapacity * 2, arenaSize + length + 8)) }
        if length > 0 { (arena + arenaSize).update(from: start, count: length) }
        arenaSize += length
        if id + 2 > offsetCapacity { growOffsets() }
        offsets[id + 1] = arenaSize
        count += 1
        index[position] = Slot(prefix: slot.prefix, meta: slot.meta | UInt64(id + 1))
        // A small index (up to 1 MB) is kept at most half full: its probes stay short (an extra probe is a
        // mispredicted branch per field on keys like airports); a large one at 3/4, where its size is cache misses.
        if count * 4 > indexSize * 3 || (indexSize <= Self.smallIndex && count * 2 > indexSize) { rehash() }
        return id
    }

    /// The first eight bytes at `start` (fewer when `length` is shorter), zero-padded, in memory order.
    @inline(__always)
    static func prefix(_ start: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        if length >= 8 { return UnsafeRawPointer(start).loadUnaligned(as: UInt64.self) }
        if length == 0 { return 0 }
        // One load when the eight bytes stay within the page (the bytes after the text are not used), else bytewise.
        let address = UInt(bitPattern: start)
        if address & 4095 <= 4088 {
            let word = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
            return word & ((1 &<< UInt64(length &* 8)) &- 1)
        }
        var word: UInt64 = 0
        for offset in 0..<length { word |= UInt64(start[offset]) << UInt64(offset * 8) }
        return word
    }

    /// Each text of `other` interned here: `result[id]` is this pool's id of `other`'s text `id` (the caller
    /// deallocates the map).
    func ids(of other: TextPool) -> UnsafeMutablePointer<Int64> {
        let map = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, other.count))
        for id in 0..<other.count {
            // The index line of the text 16 ahead is requested: the other pool's texts land at random slots here.
            let ahead = id &+ 16
            if ahead < other.count {
                prefetch(hashed: Self.hash(of: other.arena + other.offsets[ahead], count: other.length(ahead)))
            }
            map[id] = Int64(intern(other.arena + other.offsets[id], count: other.length(id)))
        }
        return map
    }

    @inline(__always)
    private func length(_ id: Int) -> Int { offsets[id &+ 1] &- offsets[id] }

    /// The bytes of text `id`, valid until the next ``intern(_:count:)``.
    func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + offsets[id], count: length(id))
    }

    /// A text of up to 7 bytes as one integer in its byte order: the bytes big-endian from the top, zero-padded,
    /// then the length in the low byte (a shorter text sorts before the same bytes followed by zeros); nil for a
    /// longer text.
    func shortKey(_ id: Int) -> UInt64? {
        let start = offsets[id]
        let length = offsets[id + 1] - start
        guard length <= 7 else { return nil }
        var key = UInt64(length)
        for index in 0..<length { key |= UInt64(arena[start + index]) << UInt64(56 - 8 * index) }
        return key
    }

    func string(_ id: Int) -> String { String(decoding: bytes(id), as: UTF8.self) }

    /// Byte-wise order of two texts (UTF-8 code point order, as DuckDB and Spark order strings).
    func compare(_ left: Int, _ right: Int) -> Int {
        let a = bytes(left)
        let b = bytes(right)
        let common = min(a.count, b.count)
        if common > 0 {
            let result = memcmp(a.baseAddress!, b.baseAddress!, common)
            if result != 0 { return result < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Byte-wise order of `count` bytes at `start` and text `id`.
    @inline(__always)
    func compare(_ start: UnsafePointer<UInt8>, count length: Int, with id: Int) -> Int {
        let stored = offsets[id]
        let storedLength = offsets[id + 1] - stored
        let common = min(length, storedLength)
        if common > 0 {
            let result = memcmp(start, arena + stored, common)
            if result != 0 { return result < 0 ? -1 : 1 }
        }
        return length == storedLength ? 0 : (length < storedLength ? -1 : 1)
    }

    /// The prefix mixed with the length (a multiply-xorshift), then FNV-1a-style over the remaining 8-byte words:
    /// a text of up to eight bytes costs two multiplies.
    @inline(__always)
    private static func hash(_ start: UnsafePointer<UInt8>, _ length: Int, prefix: UInt64) -> UInt64 {
        var hash = (prefix ^ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        if length > 8 { hash = longTail(start, length, hash) }
        hash ^= hash >> 29
        hash = hash &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }

    private static func longTail(_ start: UnsafePointer<UInt8>, _ length: Int, _ seed: UInt64) -> UInt64 {
        var hash = seed
        var offset = 8
        while offset + 8 <= length {
            let word = UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self)
            hash = (hash ^ (hash >> 31) ^ word) &* 0x0000_0100_0000_01B3
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < length {
            tail |= UInt64(start[offset]) << shift
            shift += 8
            offset += 1
        }
        return (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
    }

    private func growArena(to capacity: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: arena, count: arenaSize)
        arena.deallocate()
        arena = grown
        arenaCapacity = capacity
    }

    private func growOffsets() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: offsetCapacity * 2)
        grown.update(from: offsets, count: count + 1)
        offsets.deallocate()
        offsets = grown
        offsetCapacity *= 2
    }

    private func rehash() {
        TableMemory.deallocate(index)
        indexSize *= 2
        index = TableMemory.allocate(Slot.self, capacity: indexSize)
        index.initialize(repeating: Slot(prefix: 0, meta: 0), count: indexSize)
        let mask = indexSize - 1
        for id in 0..<count {
            let start = arena + offsets[id]
            let length = offsets[id + 1] - offsets[id]
            let prefix = Self.prefix(start, length)
            let hashed = Self.hash(start, length, prefix: prefix)
            var position = Int(truncatingIfNeeded: hashed) & mask
            while index[position].meta != 0 { position = (position + 1) & mask }
            index[position] = Slot(prefix: prefix, meta: Self.check(hashed, length) | UInt64(id + 1))
        }
    }
}
