/// One bzip2 Huffman group, decoded through a 10-bit lookup table with a canonical-code slow path for
/// codes longer than 10 bits (bzip2 allows up to 20).
struct Bzip2HuffmanTable {
    static let lookupBits = 10
    private var code: CanonicalHuffmanCode?

    /// Builds the tables from code lengths (each 1…20). Returns false if the lengths over-subscribe the code space.
    ///
    /// `lookup` receives `1 << lookupBits` entries: symbol << 5 | length, or 0 when the code is longer than
    /// `lookupBits` (or the bits match no code). It lives outside the struct so the hot loop reads raw memory.
    mutating func build(lengths: UnsafePointer<UInt8>, alphabetSize: Int, lookup: UnsafeMutablePointer<UInt16>) -> Bool
    {
        let lengthBuffer = UnsafeBufferPointer(start: lengths, count: alphabetSize)
        guard let code = CanonicalHuffmanCode(lengths: lengthBuffer, maxLength: Bzip2Constants.maxCodeLength) else {
            return false
        }
        self.code = code
        let bits = Self.lookupBits
        lookup.update(repeating: 0, count: 1 << bits)
        for (symbol, length) in lengthBuffer.enumerated() where length <= bits {
            let length = Int(length)
            let entry = UInt16(symbol << 5 | length)
            let start = code.codes[symbol] << (bits - length)
            for slot in start..<(start + (1 << (bits - length))) { lookup[slot] = entry }
        }
        return true
    }

    /// Decodes a code longer than the lookup table from the top 20 bits of `peek20`; nil if no code matches.
    func decodeLong(_ peek20: UInt32) -> (symbol: Int, length: Int)? {
        code?.decodeLong(Int(peek20), shortest: Self.lookupBits + 1)
    }
}
