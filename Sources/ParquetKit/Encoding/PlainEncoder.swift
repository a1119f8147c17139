/// PLAIN encoding of the non-null values of a column slice (Encodings.md):
/// fixed-width little-endian numbers, length-prefixed byte arrays. Nulls are
/// skipped; they live only in the definition levels.
public enum PlainEncoder {
    /// Appends the PLAIN bytes of every non-null value in `values`.
    public static func append<Value: ParquetPrimitive>(_ values: ArraySlice<Value?>, to bytes: inout [UInt8]) {
        for value in values {
            if let value { value.appendPlain(to: &bytes) }
        }
    }

    /// Fixed-width fast path: one resize, then unaligned stores.
    public static func append<Value: ParquetFixedWidthPrimitive>(_ values: ArraySlice<Value?>, to bytes: inout [UInt8]) {
        let width = MemoryLayout<Value.Bits>.size
        var nonNull = 0
        for value in values where value != nil { nonNull += 1 }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: nonNull * width))
        bytes.withUnsafeMutableBytes { raw in
            var offset = start
            for value in values {
                guard let value else { continue }
                raw.storeBytes(of: value.plainBits.littleEndian, toByteOffset: offset, as: Value.Bits.self)
                offset += width
            }
        }
    }

    /// Appends the PLAIN bytes of dense (dictionary) values.
    public static func append<Value: ParquetPrimitive>(dense values: [Value], to bytes: inout [UInt8]) {
        for value in values { value.appendPlain(to: &bytes) }
    }
}

/// Decodes PLAIN values, bounds checked.
public enum PlainDecoder {
    /// Decodes exactly `count` values from `bytes[offset...]`, advancing `offset`.
    /// Throws when the payload is shorter than `count` values or a string is not UTF-8.
    public static func decode<Value: ParquetPrimitive>(
        _ type: Value.Type, count: Int, from bytes: UnsafeRawBufferPointer, offset: inout Int
    ) throws(ParquetError) -> [Value] {
        var result: [Value] = []
        result.reserveCapacity(min(count, bytes.count))
        for index in 0..<count {
            let at = offset
            guard let value = Value.decodePlain(bytes, offset: &offset) else {
                throw ParquetError.corruptPage(
                    reason: "PLAIN \(Value.physicalType) value \(index) of \(count) at payload offset \(at) is truncated or invalid")
            }
            result.append(value)
        }
        return result
    }
}
