/// The canonical Huffman code (RFC 1951 §3.2.2, also bzip2's) for a list of code lengths: shorter codes first,
/// ties by symbol. Both decoders build their lookup tables from `codes` and fall back to `decodeLong` for codes
/// longer than their table.
struct CanonicalHuffmanCode {
    let maxLength: Int
    /// Each symbol's code, MSB first (meaningless where the length is 0).
    private(set) var codes: [Int]
    private var firstCode: [Int32]
    private var limitCode: [Int32]
    private var offset: [Int32]
    private var sorted: [UInt16]
    private(set) var longestCode = 0

    /// Returns nil if the lengths over-subscribe the code space (Kraft sum > 1) or exceed `maxLength`.
    /// Incomplete codes are accepted; bit patterns outside them fail in `decodeLong`.
    init?(lengths: UnsafeBufferPointer<UInt8>, maxLength: Int) {
        self.maxLength = maxLength
        var counts = [Int32](repeating: 0, count: maxLength + 2)
        for length in lengths where length > 0 {
            guard Int(length) <= maxLength else { return nil }
            counts[Int(length)] += 1
            longestCode = max(longestCode, Int(length))
        }
        var kraft = 0
        for length in 1...maxLength { kraft += Int(counts[length]) << (maxLength - length) }
        if kraft > 1 << maxLength { return nil }

        firstCode = [Int32](repeating: 0, count: maxLength + 2)
        limitCode = firstCode
        offset = firstCode
        var code: Int32 = 0
        var index: Int32 = 0
        for length in 1...maxLength {
            firstCode[length] = code
            offset[length] = index
            limitCode[length] = code + counts[length]
            index += counts[length]
            code = (code + counts[length]) << 1
        }
        var nextCode = firstCode
        var cursor = offset
        codes = [Int](repeating: 0, count: lengths.count)
        sorted = [UInt16](repeating: 0, count: max(Int(index), 1))
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            codes[symbol] = Int(nextCode[length])
            nextCode[length] += 1
            sorted[Int(cursor[length])] = UInt16(symbol)
            cursor[length] += 1
        }
    }

    /// Decodes a code of more than `shortest - 1` bits from the next `maxLength` bits, MSB first.
    func decodeLong(_ msbFirst: Int, shortest: Int) -> (symbol: Int, length: Int)? {
        var length = shortest
        while length <= longestCode {
            let code = Int32(msbFirst >> (maxLength - length))
            if code < limitCode[length] {
                guard code >= firstCode[length] else { return nil }
                return (Int(sorted[Int(offset[length] + code - firstCode[length])]), length)
            }
            length += 1
        }
        return nil
    }
}
