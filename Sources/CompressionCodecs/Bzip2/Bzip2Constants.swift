/// Magic numbers and limits of the bzip2 format.
enum Bzip2Constants {
    /// π: starts every compressed block.
    static let blockMagic: UInt64 = 0x3141_5926_5359
    /// √π: ends every stream, followed by the combined CRC.
    static let endOfStreamMagic: UInt64 = 0x1772_4538_5090
    static let maxGroups = 6
    static let minGroups = 2
    static let groupSize = 50
    static let maxAlphabet = 258
    static let maxCodeLength = 20
    /// bzip2 1.0.8 reads up to this many selectors and ignores the rest.
    static let maxSelectors = 18002
    /// The largest block, for level 9.
    static let maxBlockSize = 900_000
}

/// Raised when a decoder needs bits beyond the bytes it was given; streaming callers wait for more input.
struct Bzip2Underflow: Error {}

/// Reads bits most-significant first from a byte buffer through a 64-bit, left-aligned bit buffer.
struct MSBBitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// The next byte to load into `buffer`.
    var position: Int
    var buffer: UInt64 = 0
    /// Valid bits at the top of `buffer`; negative after an over-read, which callers turn into `Bzip2Underflow`.
    var available: Int = 0

    init(_ data: UnsafeRawBufferPointer, bitOffset: Int) {
        base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = data.count
        position = min(bitOffset, count * 8) >> 3
        refill()
        let skip = min(bitOffset & 7, available)
        buffer <<= UInt64(skip)
        available -= skip
    }

    /// The absolute bit offset of the next unread bit.
    var bitPosition: Int { position * 8 - available }

    @inline(__always)
    mutating func refill() {
        if position + 8 <= count {
            let word = UInt64(bigEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            buffer |= word >> UInt64(available)
            let bytes = (63 - available) >> 3
            position &+= bytes
            available &+= bytes << 3
        } else {
            while available <= 56 && position < count {
                buffer |= UInt64(base[position]) << UInt64(56 - available)
                position += 1
                available += 8
            }
        }
    }

    /// Reads `n` (1…32) bits as an unsigned value.
    @inline(__always)
    mutating func read(_ n: Int) throws(Bzip2Underflow) -> UInt32 {
        if available < n {
            refill()
            if available < n { throw Bzip2Underflow() }
        }
        let value = UInt32(truncatingIfNeeded: buffer >> UInt64(64 - n))
        buffer <<= UInt64(n)
        available -= n
        return value
    }

    @inline(__always)
    mutating func readBit() throws(Bzip2Underflow) -> Bool {
        try read(1) == 1
    }

    mutating func read48() throws(Bzip2Underflow) -> UInt64 {
        let high = UInt64(try read(24))
        return high << 24 | UInt64(try read(24))
    }
}
