/// A canonical Huffman code for deflate, decoded LSB-first through a 10-bit lookup table, with a canonical
/// search for the rare longer codes (up to 15 bits).
final class DeflateHuffmanDecoder {
    static let lookupBits = 10
    static let maxLength = 15
    /// Entry = symbol << 4 | length, or 0 for longer (or unused) bit patterns.
    let lookup = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << lookupBits)
    private var code: CanonicalHuffmanCode?

    deinit { lookup.deallocate() }

    /// Builds the decoder from code lengths (0 = unused). Returns false for an over-subscribed code.
    /// Incomplete codes are accepted (RFC 1951 allows a single distance code); unused patterns fail on decode.
    func build(_ lengths: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let code = CanonicalHuffmanCode(lengths: lengths, maxLength: Self.maxLength) else { return false }
        self.code = code
        let bits = Self.lookupBits
        lookup.update(repeating: 0, count: 1 << bits)
        for (symbol, length) in lengths.enumerated() where length > 0 && Int(length) <= bits {
            let length = Int(length)
            let entry = UInt16(symbol << 4 | length)
            // Deflate packs codes MSB first into an LSB-first stream: index the table by the reversed code.
            var slot = Self.reverse(code.codes[symbol], length)
            while slot < 1 << bits {
                lookup[slot] = entry
                slot += 1 << length
            }
        }
        return true
    }

    /// Decodes a code longer than the lookup table from the next 15 (LSB-first) bits; nil if none matches.
    func decodeLong(_ bits: UInt64) -> (symbol: Int, length: Int)? {
        code?.decodeLong(Self.reverse(Int(bits & 0x7FFF), Self.maxLength), shortest: Self.lookupBits + 1)
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
