/// Decodes the RLE / bit-packing hybrid, bounds checked (corrupt runs throw).
public enum RLEHybridDecoder {
    /// Decodes exactly `count` values from `bytes[offset..<end]` and advances `offset`
    /// past the runs consumed. Padding in the final bit-packed group is ignored.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, offset: inout Int, end: Int, bitWidth: Int, count: Int
    ) throws(ParquetError) -> [UInt32] {
        guard (0...32).contains(bitWidth) else {
            throw .corruptPage(reason: "RLE/bit-packed bit width \(bitWidth) outside 0...32")
        }
        guard count >= 0 else { throw .corruptPage(reason: "negative RLE/bit-packed value count \(count)") }
        guard end <= bytes.count, offset >= 0, offset <= end else {
            throw .corruptPage(
                reason: "RLE/bit-packed range \(offset)..<\(end) outside the \(bytes.count)-byte payload")
        }
        var result: [UInt32] = []
        result.reserveCapacity(count)
        let valueBytes = (bitWidth + 7) / 8
        while result.count < count {
            let header = try readVarint(bytes, offset: &offset, end: end)
            if header & 1 == 0 {
                let runLength = header >> 1
                guard valueBytes <= end - offset else {
                    throw .corruptPage(reason: "RLE run value truncated at payload offset \(offset)")
                }
                var value: UInt32 = 0
                for k in 0..<valueBytes { value |= UInt32(bytes[offset + k]) << UInt32(8 * k) }
                offset += valueBytes
                guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
                    throw .corruptPage(reason: "RLE run value \(value) wider than \(bitWidth) bits")
                }
                let take = Int(min(runLength, UInt64(count - result.count)))
                result.append(contentsOf: repeatElement(value, count: take))
            } else {
                let groups = header >> 1
                // The spec caps runs at 2^31 - 1 values; this also keeps the products below in range.
                guard groups <= UInt64(Int32.max / 8) else {
                    throw .corruptPage(
                        reason:
                            "bit-packed run of \(groups) groups exceeds the format's limit at payload offset \(offset)")
                }
                let runBytes = Int(groups) * bitWidth
                guard runBytes <= end - offset else {
                    throw .corruptPage(
                        reason:
                            "bit-packed run of \(groups) groups (\(runBytes) bytes) truncated at payload offset \(offset)"
                    )
                }
                let take = min(Int(groups) * 8, count - result.count)
                unpack(bytes, from: offset, bitWidth: bitWidth, count: take, into: &result)
                offset += runBytes
            }
        }
        return result
    }

    private static func unpack(
        _ bytes: UnsafeRawBufferPointer, from start: Int, bitWidth: Int, count: Int, into result: inout [UInt32]
    ) {
        guard bitWidth > 0 else {
            result.append(contentsOf: repeatElement(0, count: count))
            return
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var buffer: UInt64 = 0
        var bits = 0
        var position = start
        for _ in 0..<count {
            while bits < bitWidth {
                buffer |= UInt64(bytes[position]) << UInt64(bits)
                position += 1
                bits += 8
            }
            result.append(UInt32(truncatingIfNeeded: buffer & mask))
            buffer >>= UInt64(bitWidth)
            bits -= bitWidth
        }
    }

    static func readVarint(_ bytes: UnsafeRawBufferPointer, offset: inout Int, end: Int) throws(ParquetError) -> UInt64
    {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else {
                throw .corruptPage(reason: "RLE/bit-packed run header truncated at payload offset \(offset)")
            }
            guard shift < 64 else {
                throw .corruptPage(reason: "RLE/bit-packed run header varint too long at payload offset \(offset)")
            }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }
}
