/// gzip (RFC 1952) one-shot compression and decompression. ParquetKit's GZIP codec writes one member per page.
///
/// ```swift
/// let member = Gzip.compress(Array("hello".utf8), level: 6)
/// let back = try Gzip.decompress(member)
/// ```
public enum Gzip {
    /// Compresses `bytes` into one gzip member (no file name, MTIME 0, OS 255 "unknown").
    ///
    /// - Parameter level: 0 (stored) … 9 (slowest, smallest); 6 by default.
    public static func compress(_ bytes: [UInt8], level: Int = 6) -> [UInt8] {
        let level = min(max(level, 0), 9)
        var writer = LSBBitWriter(reservingCapacity: bytes.count / 2 + 64)
        let extraFlags: UInt8 = level >= 9 ? 2 : level <= 1 ? 4 : 0
        for byte in [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, extraFlags, 0xFF] as [UInt8] { writer.append(byte) }
        bytes.withUnsafeBufferPointer { DeflateEncoder(level: level).compress($0, into: &writer) }
        writer.alignToByte()
        let crc = CRC32.checksum(bytes)
        let size = UInt32(truncatingIfNeeded: bytes.count)
        for shift in stride(from: 0, to: 32, by: 8) { writer.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { writer.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        return writer.bytes
    }
}

/// Raw RFC 1951 deflate, without a gzip or zlib wrapper.
public enum Deflate {
    /// Compresses `bytes` as a raw deflate stream.
    public static func compress(_ bytes: [UInt8], level: Int = 6) -> [UInt8] {
        var writer = LSBBitWriter(reservingCapacity: bytes.count / 2 + 16)
        bytes.withUnsafeBufferPointer { DeflateEncoder(level: min(max(level, 0), 9)).compress($0, into: &writer) }
        writer.alignToByte()
        return writer.bytes
    }
}
