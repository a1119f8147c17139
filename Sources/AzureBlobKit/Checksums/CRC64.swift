#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Azure Storage's CRC64 (the CRC-64/NVME parameters: reflected polynomial `0x9A6C9329AC4BC9B5`, init and xorout
/// all ones), as sent in `x-ms-content-crc64`.
///
/// Computed with slicing-by-8 tables (eight bytes per step). Like the SDK's `compute(data, initial)`, a
/// checksum can be continued: feeding `"Hello, "` then `"world!"` equals feeding `"Hello, world!"`.
///
/// ```swift
/// var crc = CRC64()
/// crc.update(Data("123456789".utf8))
/// crc.value          // 0xAE8B14860A799888
/// crc.headerValue    // "iJh5CoYUi64="
/// ```
public struct CRC64: Sendable, Hashable {
    /// The finished checksum of everything fed so far.
    public private(set) var value: UInt64

    /// - Parameter initial: a checksum to continue (0 starts fresh).
    public init(continuing initial: UInt64 = 0) { value = initial }

    /// The checksum of `bytes` in one call.
    public static func checksum(_ bytes: some Sequence<UInt8>, continuing initial: UInt64 = 0) -> UInt64 {
        var crc = CRC64(continuing: initial)
        crc.update(bytes)
        return crc.value
    }

    /// The checksum of `data` in one call.
    public static func checksum(_ data: Data, continuing initial: UInt64 = 0) -> UInt64 {
        var crc = CRC64(continuing: initial)
        crc.update(data)
        return crc.value
    }

    /// Feeds more bytes.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if handled == nil { update(Array(bytes)) }
    }

    /// Feeds more bytes from raw memory.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        var crc = ~value
        Self.tables.withUnsafeBufferPointer { table in
            var index = 0
            let count = buffer.count
            while count - index >= 8 {
                crc ^= UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                crc =
                    table[7 * 256 + Int(crc & 0xFF)] ^ table[6 * 256 + Int((crc >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((crc >> 16) & 0xFF)] ^ table[4 * 256 + Int((crc >> 24) & 0xFF)]
                    ^ table[3 * 256 + Int((crc >> 32) & 0xFF)] ^ table[2 * 256 + Int((crc >> 40) & 0xFF)]
                    ^ table[256 + Int((crc >> 48) & 0xFF)] ^ table[Int(crc >> 56)]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt64(buffer[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        value = ~crc
    }

    /// `x-ms-content-crc64`: base64 of the eight checksum bytes in little-endian order.
    public var headerValue: String { Self.headerValue(value) }

    /// `x-ms-content-crc64` for `value`.
    public static func headerValue(_ value: UInt64) -> String {
        withUnsafeBytes(of: value.littleEndian) { Data($0).base64EncodedString() }
    }

    /// The reflected polynomial.
    public static let polynomial: UInt64 = 0x9A6C_9329_AC4B_C9B5

    /// Eight 256-entry tables, flattened: table k advances a byte that is k positions further from the end.
    private static let tables: [UInt64] = {
        var tables = [UInt64](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt64(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()
}
