/// Builds uncompressed v1 page payloads.
///
/// A v1 data page is `[definition levels] values`: the levels (OPTIONAL columns
/// only) are `uint32 LE byte length` + RLE/bit-packed runs at bit width 1; the
/// values are PLAIN, or for dictionary chunks `1 byte bit width` + RLE/bit-packed
/// indices with no length prefix.
public enum PageEncoder {
    /// Appends the length-prefixed definition levels of `values` (1 = present, 0 = null).
    public static func appendDefinitionLevels<Value>(of values: ArraySlice<Value?>, to out: inout [UInt8]) {
        appendDefinitionLevels(values.lazy.map { $0 == nil ? UInt8(0) : UInt8(1) }, to: &out)
    }

    /// Appends `levels` (1 = present, 0 = null), length-prefixed.
    public static func appendDefinitionLevels<Levels: RandomAccessCollection>(_ levels: Levels, to out: inout [UInt8])
    where Levels.Element == UInt8, Levels.Index == Int {
        let lengthAt = out.count
        out.append(contentsOf: [0, 0, 0, 0])
        RLEHybridEncoder.encode(levels, bitWidth: 1, into: &out)
        let length = UInt32(out.count - lengthAt - 4)
        for k in 0..<4 { out[lengthAt + k] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(k))) }
    }

    /// A PLAIN data page payload for `values` (levels only when `optional`).
    public static func plainDataPage<Value: ParquetPrimitive>(_ values: ArraySlice<Value?>, optional: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 8 + 16)  // exact for numbers, a start for strings
        if optional { appendDefinitionLevels(of: values, to: &out) }
        PlainEncoder.append(values, to: &out)
        return out
    }

    /// A dictionary-indexed data page payload: levels from `values` (when `optional`),
    /// then the bit width and the hybrid-encoded `indices` of its non-null values.
    public static func dictionaryDataPage<Value>(
        _ values: ArraySlice<Value?>, indices: ArraySlice<UInt32>, bitWidth: Int, optional: Bool
    ) -> [UInt8] {
        dictionaryDataPage(
            levels: values.lazy.map { $0 == nil ? UInt8(0) : UInt8(1) }, indices: indices, bitWidth: bitWidth,
            optional: optional)
    }

    /// A dictionary-indexed data page payload from the rows' definition `levels` (1 = present, 0 = null).
    public static func dictionaryDataPage<Levels: RandomAccessCollection>(
        levels: Levels, indices: ArraySlice<UInt32>, bitWidth: Int, optional: Bool
    ) -> [UInt8] where Levels.Element == UInt8, Levels.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(indices.count * bitWidth / 8 + 32)
        if optional { appendDefinitionLevels(levels, to: &out) }
        out.append(UInt8(bitWidth))
        RLEHybridEncoder.encode(indices, bitWidth: bitWidth, into: &out)
        return out
    }

    /// The PLAIN dictionary page payload.
    public static func dictionaryPage<Value: ParquetPrimitive>(_ dictionary: [Value]) -> [UInt8] {
        var out: [UInt8] = []
        PlainEncoder.append(dense: dictionary, to: &out)
        return out
    }
}
