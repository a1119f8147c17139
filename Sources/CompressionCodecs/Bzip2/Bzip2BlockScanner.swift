/// Finds candidate block starts: the 48-bit block magic at any bit offset.
///
/// bzip2 blocks are not byte-aligned, so every one of the 8 shifts is tried. Two 256-entry tables give, for the
/// second and third byte of a window, the set of shifts whose magic bits could sit there, so most bytes are
/// rejected with two look-ups. A hit can still be a false positive inside compressed data; callers validate.
enum Bzip2BlockScanner {
    /// For byte 1 and byte 2 of a 64-bit window: bit `s` set if the magic shifted right by `s` has that byte.
    private static let shiftTables: [UInt8] = {
        var tables = [UInt8](repeating: 0, count: 512)
        for shift in 0..<8 {
            let pattern = Bzip2Constants.blockMagic << UInt64(16 - shift)
            for (table, byteIndex) in [(0, 1), (1, 2)] {
                let expected = Int((pattern >> UInt64(56 - 8 * byteIndex)) & 0xFF)
                tables[table * 256 + expected] |= UInt8(1 << shift)
            }
        }
        return tables
    }()

    /// Appends to `found` the bit offsets ≥ `fromBit` where the block magic starts, for starts in bytes
    /// before `limitByte`, stopping once `found` holds `maxCount` entries.
    static func scan(
        _ data: UnsafeRawBufferPointer, fromBit: Int, limitByte: Int, maxCount: Int, into found: inout [Int]
    ) {
        guard let base = data.baseAddress, found.count < maxCount else { return }
        let count = data.count
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let end = min(limitByte, count - 6)
        var index = fromBit >> 3
        shiftTables.withUnsafeBufferPointer { tables in
            let table = tables.baseAddress!
            while index < end {
                let shifts = table[Int(bytes[index + 1])] & table[256 + Int(bytes[index + 2])]
                if shifts != 0 {
                    let window = load64(bytes, index, count)
                    for shift in 0..<8 where shifts & UInt8(1 << shift) != 0 {
                        let bit = index * 8 + shift
                        guard bit >= fromBit, bit + 48 <= count * 8 else { continue }
                        if (window >> UInt64(16 - shift)) & 0xFFFF_FFFF_FFFF == Bzip2Constants.blockMagic {
                            found.append(bit)
                            if found.count >= maxCount { return }
                        }
                    }
                }
                index += 1
            }
        }
    }

    /// Big-endian 64-bit load at `index`, zero-padded past the end.
    private static func load64(_ bytes: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> UInt64 {
        if index + 8 <= count {
            return UInt64(bigEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
        }
        var word: UInt64 = 0
        for offset in 0..<8 {
            word <<= 8
            if index + offset < count { word |= UInt64(bytes[index + offset]) }
        }
        return word
    }
}
