/// Appends bits least-significant first (deflate's order) to a byte array.
struct LSBBitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Writes the low `n` (0…32) bits of `value`.
    @inline(__always)
    mutating func write(_ value: UInt32, bits n: Int) {
        buffer |= UInt64(value & UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(n)) - 1)) << UInt64(count)
        count += n
        if count >= 32 {
            for _ in 0..<4 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
            }
            count -= 32
        }
    }

    /// Pads with zero bits to a byte boundary and flushes.
    mutating func alignToByte() {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = max(0, count - 8)
        }
        buffer = 0
    }

    /// Appends whole bytes (call after `alignToByte`).
    mutating func append(_ data: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: data) }
    mutating func append(_ byte: UInt8) { bytes.append(byte) }
}
