/// An RFC 1951 encoder: LZ77 over a 32 KiB window with hash chains (lazy matching from level 4), then per block
/// the smallest of dynamic Huffman, fixed Huffman or stored.
struct DeflateEncoder {
    /// Chain length and "good enough" match length per level 1…9.
    private static let chainLimits = [0, 4, 8, 16, 16, 32, 64, 128, 512, 2048]
    private static let niceLengths = [0, 16, 32, 64, 32, 64, 128, 128, 258, 258]
    private static let hashBits = 15
    private static let blockTokens = 1 << 15

    let level: Int

    /// Compresses `input` as a complete deflate stream (last block flagged).
    func compress(_ input: UnsafeBufferPointer<UInt8>, into writer: inout LSBBitWriter) {
        guard level > 0, input.count > 0, let base = input.baseAddress else {
            writeStored(input, from: 0, to: input.count, final: true, into: &writer)
            return
        }
        let count = input.count
        let mask = DeflateTables.windowSize - 1
        var head = [Int32](repeating: -1, count: 1 << Self.hashBits)
        var previous = [Int32](repeating: -1, count: DeflateTables.windowSize)
        let chainLimit = Self.chainLimits[level]
        let nice = Self.niceLengths[level]
        let lazy = level >= 4
        var tokens: [UInt32] = []
        tokens.reserveCapacity(Self.blockTokens + 2)
        var blockStart = 0

        func hash(_ index: Int) -> Int {
            (Int(base[index]) << 10 ^ Int(base[index + 1]) << 5 ^ Int(base[index + 2])) & ((1 << Self.hashBits) - 1)
        }
        func insert(_ index: Int) {
            guard index + 2 < count else { return }
            let key = hash(index)
            previous[index & mask] = head[key]
            head[key] = Int32(index)
        }
        /// Inserts `index` and returns the longest earlier match (length 0 if under 3).
        func findMatch(_ index: Int) -> (length: Int, distance: Int) {
            guard index + 2 < count else { return (0, 0) }
            let key = hash(index)
            var candidate = Int(head[key])
            previous[index & mask] = head[key]
            head[key] = Int32(index)
            let maxLength = min(DeflateTables.maxMatch, count - index)
            var bestLength = 2
            var bestDistance = 0
            var chain = chainLimit
            while candidate >= 0 && chain > 0 && index - candidate <= DeflateTables.windowSize {
                if base[candidate + bestLength] == base[index + bestLength] || bestLength == 2 {
                    var length = 0
                    while length < maxLength && base[candidate + length] == base[index + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = index - candidate
                        if length >= nice || length == maxLength { break }
                    }
                }
                let next = Int(previous[candidate & mask])
                guard next < candidate else { break }  // slot reused by a newer position
                candidate = next
                chain -= 1
            }
            return bestLength >= 3 ? (bestLength, bestDistance) : (0, 0)
        }
        func flushBlock(upTo end: Int, final: Bool) {
            writeBlock(tokens, input, from: blockStart, to: end, final: final, into: &writer)
            tokens.removeAll(keepingCapacity: true)
            blockStart = end
        }

        var index = 0
        var pending: (length: Int, distance: Int)? = nil
        while index < count {
            let match = findMatch(index)
            if let held = pending {
                if held.length >= match.length {
                    // Emit the held match starting at index - 1; positions index-1 and index are already hashed.
                    let start = index - 1
                    tokens.append(Self.matchToken(length: held.length, distance: held.distance))
                    for position in (index + 1)..<(start + held.length) { insert(position) }
                    index = start + held.length
                    pending = nil
                } else {
                    // The match at `index` is longer: the held one shrinks to a literal.
                    tokens.append(UInt32(base[index - 1]))
                    pending = match
                    index += 1
                }
            } else if match.length == 0 {
                tokens.append(UInt32(base[index]))
                index += 1
            } else if lazy && match.length < nice {
                pending = match
                index += 1
            } else {
                tokens.append(Self.matchToken(length: match.length, distance: match.distance))
                for position in (index + 1)..<(index + match.length) { insert(position) }
                index += match.length
            }
            if tokens.count >= Self.blockTokens && pending == nil { flushBlock(upTo: index, final: false) }
        }
        flushBlock(upTo: count, final: true)
    }

    /// Token: a literal byte, or 1 << 31 | length << 16 | distance.
    static func matchToken(length: Int, distance: Int) -> UInt32 {
        1 << 31 | UInt32(length) << 16 | UInt32(distance)
    }
}
