/// The header of a dynamic Huffman block: HLIT/HDIST/HCLEN and the run-length coded code lengths.
struct DynamicHeader {
    private let literalCount: Int
    private let distanceCount: Int
    /// Code-length symbols (0…18) with their extra-bit values.
    private var symbols: [(symbol: Int, extra: UInt32)] = []
    private let codeLengthLengths: [UInt8]
    private let codeLengthCount: Int

    init(literalLengths: [UInt8], distanceLengths: [UInt8]) {
        var literalCount = 286
        while literalCount > 257 && literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1 && distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        self.literalCount = literalCount
        self.distanceCount = distanceCount
        let all = Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount])
        var index = 0
        while index < all.count {
            let value = all[index]
            var run = 1
            while index + run < all.count && all[index + run] == value { run += 1 }
            index += run
            if value == 0 {
                while run >= 11 {
                    let take = min(run, 138)
                    symbols.append((18, UInt32(take - 11)))
                    run -= take
                }
                if run >= 3 {
                    symbols.append((17, UInt32(run - 3)))
                    run = 0
                }
            } else {
                symbols.append((Int(value), 0))
                run -= 1
                while run >= 3 {
                    let take = min(run, 6)
                    symbols.append((16, UInt32(take - 3)))
                    run -= take
                }
            }
            for _ in 0..<run { symbols.append((Int(value), 0)) }
        }
        var frequencies = [Int](repeating: 0, count: 19)
        for entry in symbols { frequencies[entry.symbol] += 1 }
        codeLengthLengths = HuffmanCodeBuilder.lengths(for: frequencies, limit: 7)
        var count = 19
        while count > 4 && codeLengthLengths[DeflateTables.codeLengthOrder[count - 1]] == 0 { count -= 1 }
        codeLengthCount = count
    }

    private static let extraBits = [16: 2, 17: 3, 18: 7]

    var bitCount: Int {
        var bits = 5 + 5 + 4 + 3 * codeLengthCount
        for entry in symbols { bits += Int(codeLengthLengths[entry.symbol]) + (Self.extraBits[entry.symbol] ?? 0) }
        return bits
    }

    func write(into writer: inout LSBBitWriter) {
        writer.write(UInt32(literalCount - 257), bits: 5)
        writer.write(UInt32(distanceCount - 1), bits: 5)
        writer.write(UInt32(codeLengthCount - 4), bits: 4)
        for index in 0..<codeLengthCount {
            writer.write(UInt32(codeLengthLengths[DeflateTables.codeLengthOrder[index]]), bits: 3)
        }
        let codes = HuffmanCodeBuilder.reversedCodes(codeLengthLengths)
        for entry in symbols {
            writer.write(codes[entry.symbol], bits: Int(codeLengthLengths[entry.symbol]))
            if let extra = Self.extraBits[entry.symbol] { writer.write(entry.extra, bits: extra) }
        }
    }
}
