/// One bzip2 Huffman group, decoded through a 10-bit lookup table with a canonical-code slow path for
/// codes longer than 10 bits (bzip2 allows up to 20).
struct Bzip2HuffmanTable {
    static let lookupBits = 10
    /// For lengths above `lookupBits`: first canonical code, one-past-last code, and index into `sorted`.
    var firstCode = [Int32](repeating: 0, count: Bzip2Constants.maxCodeLength + 2)
    var limitCode = [Int32](repeating: 0, count: Bzip2Constants.maxCodeLength + 2)
    var offset = [Int32](repeating: 0, count: Bzip2Constants.maxCodeLength + 2)
    var sorted = [UInt16](repeating: 0, count: Bzip2Constants.maxAlphabet)
    var maxLength = 0

    /// Builds the tables from code lengths (each 1…20). Returns false if the lengths over-subscribe the code space.
    ///
    /// `lookup` receives `1 << lookupBits` entries: symbol << 5 | length, or 0 when the code is longer than
    /// `lookupBits` (or the bits match no code). It lives outside the struct so the hot loop reads raw memory.
    mutating func build(lengths: UnsafePointer<UInt8>, alphabetSize: Int, lookup: UnsafeMutablePointer<UInt16>) -> Bool {
        var counts = [Int32](repeating: 0, count: Bzip2Constants.maxCodeLength + 2)
        maxLength = 0
        for symbol in 0..<alphabetSize {
            let length = Int(lengths[symbol])
            counts[length] += 1
            maxLength = max(maxLength, length)
        }
        var kraft = 0
        for length in 1...Bzip2Constants.maxCodeLength {
            kraft += Int(counts[length]) << (Bzip2Constants.maxCodeLength - length)
        }
        if kraft > 1 << Bzip2Constants.maxCodeLength { return false }

        var code: Int32 = 0
        var index: Int32 = 0
        var nextCode = [Int32](repeating: 0, count: Bzip2Constants.maxCodeLength + 2)
        for length in 1...Bzip2Constants.maxCodeLength {
            firstCode[length] = code
            nextCode[length] = code
            offset[length] = index
            limitCode[length] = code + counts[length]
            index += counts[length]
            code = (code + counts[length]) << 1
        }
        let bits = Self.lookupBits
        do {
            let table = lookup
            table.update(repeating: 0, count: 1 << bits)
            var cursor = offset
            for symbol in 0..<alphabetSize {
                let length = Int(lengths[symbol])
                sorted[Int(cursor[length])] = UInt16(symbol)
                cursor[length] += 1
                let symbolCode = Int(nextCode[length])
                nextCode[length] += 1
                guard length <= bits else { continue }
                let entry = UInt16(symbol << 5 | length)
                let start = symbolCode << (bits - length)
                for slot in start..<(start + (1 << (bits - length))) { table[slot] = entry }
            }
        }
        return true
    }

    /// Decodes a code longer than the lookup table from the top 20 bits of `peek20`; nil if no code matches.
    func decodeLong(_ peek20: UInt32) -> (symbol: Int, length: Int)? {
        var length = Self.lookupBits + 1
        while length <= maxLength {
            let code = Int32(peek20 >> UInt32(Bzip2Constants.maxCodeLength - length))
            if code < limitCode[length] {
                guard code >= firstCode[length] else { return nil }
                return (Int(sorted[Int(offset[length] + code - firstCode[length])]), length)
            }
            length += 1
        }
        return nil
    }
}
