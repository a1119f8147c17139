#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interned text keys of one group table: each distinct byte string is stored once in an arena and named by a
/// dense id. Interning hashes the bytes in place and allocates nothing per row (the arena and the index grow by
/// doubling); memory per distinct key is its bytes plus 16 bytes of offsets and about 16 bytes of index.
final class TextPool: @unchecked Sendable {
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaSize = 0
    private var arenaCapacity = 1024
    /// Start offset of text `id` is `offsets[id]`, its end `offsets[id + 1]`.
    private var offsets: UnsafeMutablePointer<Int>
    private var offsetCapacity = 64
    /// Open addressing: 0 empty, else `(hash >> 32) << 32 | (id + 1)`.
    private var index: UnsafeMutablePointer<UInt64>
    private var indexSize = 64

    init() {
        arena = .allocate(capacity: arenaCapacity)
        offsets = .allocate(capacity: offsetCapacity)
        offsets[0] = 0
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
    }

    deinit {
        arena.deallocate()
        offsets.deallocate()
        index.deallocate()
    }

    /// The id of these bytes, added if new.
    func intern(_ start: UnsafePointer<UInt8>, count length: Int) -> Int {
        let hashed = Self.hash(start, length)
        let tag = hashed & 0xFFFF_FFFF_0000_0000
        let mask = indexSize - 1
        var position = Int(truncatingIfNeeded: hashed) & mask
        while true {
            let entry = index[position]
            if entry == 0 { break }
            let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
            if entry & 0xFFFF_FFFF_0000_0000 == tag, offsets[id + 1] - offsets[id] == length,
                length == 0 || memcmp(arena + offsets[id], start, length) == 0
            {
                return id
            }
            position = (position + 1) & mask
        }
        let id = count
        if arenaSize + length > arenaCapacity { growArena(to: max(arenaCapacity * 2, arenaSize + length)) }
        (arena + arenaSize).update(from: start, count: length)
        arenaSize += length
        if id + 2 > offsetCapacity { growOffsets() }
        offsets[id + 1] = arenaSize
        count += 1
        index[position] = tag | UInt64(id + 1)
        if count * 2 > indexSize { rehash() }
        return id
    }

    /// Each text of `other` interned here: `result[id]` is this pool's id of `other`'s text `id` (the caller
    /// deallocates the map).
    func ids(of other: TextPool) -> UnsafeMutablePointer<Int64> {
        let map = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, other.count))
        for id in 0..<other.count {
            map[id] = Int64(intern(other.arena + other.offsets[id], count: other.offsets[id + 1] - other.offsets[id]))
        }
        return map
    }

    /// The bytes of text `id`, valid until the next ``intern(_:count:)``.
    func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + offsets[id], count: offsets[id + 1] - offsets[id])
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

    /// FNV-1a over 8-byte words, finished with a multiply-xorshift.
    private static func hash(_ start: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(length)
        var offset = 0
        while offset + 8 <= length {
            let word = UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < length {
            tail |= UInt64(start[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 31)
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
        index.deallocate()
        indexSize *= 2
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        let mask = indexSize - 1
        for id in 0..<count {
            let text = bytes(id)
            let hashed = Self.hash(text.baseAddress!, text.count)
            var position = Int(truncatingIfNeeded: hashed) & mask
            while index[position] != 0 { position = (position + 1) & mask }
            index[position] = hashed & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
        }
    }
}
