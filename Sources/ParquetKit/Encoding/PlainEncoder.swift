/// PLAIN encoding of the non-null values of a column slice (Encodings.md):
/// fixed-width little-endian numbers, length-prefixed byte arrays. Nulls are
/// skipped; they live only in the definition levels.
public enum PlainEncoder {
    /// Appends the PLAIN bytes of every non-null value in `values`.
    public static func append<Value: ParquetPrimitive>(_ values: ArraySlice<Value?>, to bytes: inout [UInt8]) {
        Value.appendPlain(values, to: &bytes)
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
        guard count >= 0 else { throw .corruptPage(reason: "negative PLAIN value count \(count)") }
        var result: [Value] = []
        result.reserveCapacity(min(count, bytes.count))
        for index in 0..<count {
            let at = offset
            guard let value = Value.decodePlain(bytes, offset: &offset) else {
                throw ParquetError.corruptPage(
                    reason:
                        "PLAIN \(Value.physicalType) value \(index) of \(count) at payload offset \(at) is truncated or invalid"
                )
            }
            result.append(value)
        }
        return result
    }
}
