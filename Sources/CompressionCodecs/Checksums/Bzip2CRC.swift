/// bzip2's CRC-32: polynomial 0x04C11DB7, MSB first, not reflected (the "CRC-32/BZIP2" variant).
struct Bzip2CRC: Sendable {
    private(set) var state: UInt32 = 0xFFFF_FFFF
    var value: UInt32 { ~state }

    /// Adds bytes to the checksum, eight at a time.
    mutating func update(_ start: UnsafePointer<UInt8>, count: Int) {
        var pointer = UnsafeRawPointer(start)
        var remaining = count
        var crc = state
        CRC32Tables.msbFirst.withUnsafeBufferPointer { tables in
            let table = tables.baseAddress!
            while remaining >= 8 {
                let high = UInt32(bigEndian: pointer.loadUnaligned(as: UInt32.self)) ^ crc
                let low = UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                crc =
                    table[7 * 256 + Int(high >> 24)] ^ table[6 * 256 + Int((high >> 16) & 0xFF)]
                    ^ table[5 * 256 + Int((high >> 8) & 0xFF)] ^ table[4 * 256 + Int(high & 0xFF)]
                    ^ table[3 * 256 + Int(low >> 24)] ^ table[2 * 256 + Int((low >> 16) & 0xFF)]
                    ^ table[1 * 256 + Int((low >> 8) & 0xFF)] ^ table[Int(low & 0xFF)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = (crc << 8) ^ table[Int((crc >> 24) ^ UInt32(pointer.load(as: UInt8.self)))]
                pointer += 1
                remaining -= 1
            }
        }
        state = crc
    }

    /// Folds a block CRC into a stream's combined CRC, as bzip2 does.
    static func combine(_ combined: UInt32, block: UInt32) -> UInt32 {
        ((combined << 1) | (combined >> 31)) ^ block
    }
}
