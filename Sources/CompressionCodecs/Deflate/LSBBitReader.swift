/// Reads bits least-significant first (deflate's order) through a 64-bit bit buffer.
///
/// A copy of the reader is a checkpoint: streaming callers save one before each symbol and restore it when the
/// input runs out mid-symbol.
struct LSBBitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    var position: Int
    var buffer: UInt64 = 0
    var available: Int = 0

    init(_ data: UnsafeRawBufferPointer, bitOffset: Int) {
        base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = data.count
        position = min(bitOffset, count * 8) >> 3
        refill()
        let skip = min(bitOffset & 7, available)
        buffer >>= UInt64(skip)
        available -= skip
    }

    /// The absolute bit offset of the next unread bit.
    var bitPosition: Int { position * 8 - available }

    @inline(__always)
    mutating func refill() {
        if position + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            buffer |= word << UInt64(available)
            let bytes = (63 - available) >> 3
            position &+= bytes
            available &+= bytes << 3
        } else {
            while available <= 56 && position < count {
                buffer |= UInt64(base[position]) << UInt64(available)
                position += 1
                available += 8
            }
        }
    }

    /// Reads `n` (0…32) bits.
    @inline(__always)
    mutating func read(_ n: Int) throws(InflateUnderflow) -> UInt32 {
        if available < n {
            refill()
            if available < n { throw InflateUnderflow() }
        }
        let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) &- 1))
        buffer >>= UInt64(n)
        available -= n
        return value
    }

    /// Drops bits up to the next byte boundary.
    mutating func alignToByte() {
        let drop = available & 7
        buffer >>= UInt64(drop)
        available -= drop
    }

    /// Takes the next whole byte (call only when byte-aligned).
    mutating func readByte() throws(InflateUnderflow) -> UInt8 {
        UInt8(try read(8))
    }

    /// Copies up to `limit` byte-aligned bytes to `destination`; returns how many were copied.
    mutating func copyBytes(to destination: UnsafeMutablePointer<UInt8>, limit: Int) -> Int {
        var copied = 0
        while copied < limit && available >= 8 {
            destination[copied] = UInt8(truncatingIfNeeded: buffer)
            buffer >>= 8
            available -= 8
            copied += 1
        }
        if copied < limit && available == 0 {
            // Bypass the bit buffer; its stale look-ahead bits no longer match `position`.
            buffer = 0
            let direct = min(limit - copied, count - position)
            (destination + copied).update(from: base + position, count: direct)
            position += direct
            copied += direct
        }
        return copied
    }
}

/// Raised when a deflate decoder needs bits beyond the bytes it was given.
struct InflateUnderflow: Error {}
