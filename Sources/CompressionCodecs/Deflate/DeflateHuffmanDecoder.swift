/// A canonical Huffman code for deflate, decoded LSB-first through a 10-bit lookup table, with a canonical
/// search for the rare longer codes (up to 15 bits).
final class DeflateHuffmanDecoder {
    static let lookupBits = 10
    static let maxLength = 15
    /// Entry = symbol << 4 | length, or 0 for longer (or unused) bit patterns.
    let lookup = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << lookupBits)
    private var firstCode = [Int32](repeating: 0, count: maxLength + 2)
    private var limitCode = [Int32](repeating: 0, count: maxLength + 2)
    private var offset = [Int32](repeating: 0, count: maxLength + 2)
    private var sorted = [UInt16](repeating: 0, count: 320)
    private var longestCode = 0

    deinit { lookup.deallocate() }

    /// Builds the decoder from code lengths (0 = unused). Returns false for an over-subscribed code.
    /// Incomplete codes are accepted (RFC 1951 allows a single distance code); unused patterns fail on decode.
    func build(_ lengths: UnsafeBufferPointer<UInt8>) -> Bool {
        var counts = [Int32](repeating: 0, count: Self.maxLength + 2)
        longestCode = 0
        for length in lengths where length > 0 {
            guard Int(length) <= Self.maxLength else { return false }
            counts[Int(length)] += 1
            longestCode = max(longestCode, Int(length))
        }
        var kraft = 0
        for length in 1...Self.maxLength { kraft += Int(counts[length]) << (Self.maxLength - length) }
        if kraft > 1 << Self.maxLength { return false }

        var code: Int32 = 0
        var index: Int32 = 0
        var nextCode = [Int32](repeating: 0, count: Self.maxLength + 2)
        for length in 1...Self.maxLength {
            firstCode[length] = code
            nextCode[length] = code
            offset[length] = index
            limitCode[length] = code + counts[length]
            index += counts[length]
            code = (code + counts[length]) << 1
        }
        let bits = Self.lookupBits
        lookup.update(repeating: 0, count: 1 << bits)
        var cursor = offset
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            sorted[Int(cursor[length])] = UInt16(symbol)
            cursor[length] += 1
            let symbolCode = Int(nextCode[length])
            nextCode[length] += 1
            guard length <= bits else { continue }
            let reversed = Self.reverse(symbolCode, length)
            let entry = UInt16(symbol << 4 | length)
            var slot = reversed
            while slot < 1 << bits {
                lookup[slot] = entry
                slot += 1 << length
            }
        }
        return true
    }

    /// Decodes a code longer than the lookup table from the next 15 (LSB-first) bits; nil if none matches.
    func decodeLong(_ bits: UInt64) -> (symbol: Int, length: Int)? {
        let msbFirst = Self.reverse(Int(bits & 0x7FFF), Self.maxLength)
        var length = Self.lookupBits + 1
        while length <= longestCode {
            let code = Int32(msbFirst >> (Self.maxLength - length))
            if code < limitCode[length] {
                guard code >= firstCode[length] else { return nil }
                return (Int(sorted[Int(offset[length] + code - firstCode[length])]), length)
            }
            length += 1
        }
        return nil
    }

    @inline(__always)
    static func reverse(_ code: Int, _ length: Int) -> Int {
        var value = code
        var result = 0
        for _ in 0..<length {
            result = result << 1 | value & 1
            value >>= 1
        }
        return result
    }
}
