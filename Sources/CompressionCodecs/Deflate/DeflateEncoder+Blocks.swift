extension DeflateEncoder {
    /// Writes `tokens` (covering `input[start..<end]`) as whichever block type is smallest.
    func writeBlock(
        _ tokens: [UInt32], _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, final: Bool,
        into writer: inout LSBBitWriter
    ) {
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        for token in tokens {
            if token & (1 << 31) == 0 {
                literalFrequencies[Int(token)] += 1
            } else {
                literalFrequencies[257 + Self.lengthSymbol(Int(token >> 16 & 0x1FF))] += 1
                distanceFrequencies[Self.distanceSymbol(Int(token & 0xFFFF))] += 1
            }
        }
        literalFrequencies[DeflateTables.endOfBlock] = 1

        var literalLengths = HuffmanCodeBuilder.lengths(for: literalFrequencies, limit: 15)
        var distanceLengths = HuffmanCodeBuilder.lengths(for: distanceFrequencies, limit: 15)
        if distanceLengths.allSatisfy({ $0 == 0 }) { distanceLengths[0] = 1 }
        let header = DynamicHeader(literalLengths: literalLengths, distanceLengths: distanceLengths)

        let dynamicBits =
            3 + header.bitCount
            + Self.payloadBits(literalFrequencies, distanceFrequencies, literalLengths, distanceLengths)
        let fixedBits =
            3
            + Self.payloadBits(
                literalFrequencies, distanceFrequencies, DeflateTables.fixedLiteralLengths,
                DeflateTables.fixedDistanceLengths)
        let storedBits = (end - start) * 8 + ((end - start) / 65535 + 1) * 40 + 7

        if storedBits <= min(dynamicBits, fixedBits) {
            writeStored(input, from: start, to: end, final: final, into: &writer)
            return
        }
        if fixedBits <= dynamicBits {
            writer.write(final ? 3 : 2, bits: 3)
            literalLengths = DeflateTables.fixedLiteralLengths
            distanceLengths = DeflateTables.fixedDistanceLengths
        } else {
            writer.write(final ? 5 : 4, bits: 3)
            header.write(into: &writer)
        }
        let literalCodes = HuffmanCodeBuilder.reversedCodes(literalLengths)
        let distanceCodes = HuffmanCodeBuilder.reversedCodes(distanceLengths)
        for token in tokens {
            if token & (1 << 31) == 0 {
                writer.write(literalCodes[Int(token)], bits: Int(literalLengths[Int(token)]))
                continue
            }
            let length = Int(token >> 16 & 0x1FF)
            let lengthIndex = Self.lengthSymbol(length)
            writer.write(literalCodes[257 + lengthIndex], bits: Int(literalLengths[257 + lengthIndex]))
            writer.write(
                UInt32(length - Int(DeflateTables.lengthBase[lengthIndex])),
                bits: Int(DeflateTables.lengthExtra[lengthIndex]))
            let distance = Int(token & 0xFFFF)
            let distanceIndex = Self.distanceSymbol(distance)
            writer.write(distanceCodes[distanceIndex], bits: Int(distanceLengths[distanceIndex]))
            writer.write(
                UInt32(distance - Int(DeflateTables.distanceBase[distanceIndex])),
                bits: Int(DeflateTables.distanceExtra[distanceIndex]))
        }
        writer.write(literalCodes[DeflateTables.endOfBlock], bits: Int(literalLengths[DeflateTables.endOfBlock]))
    }

    /// Writes `input[start..<end]` as stored blocks of at most 65535 bytes.
    func writeStored(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, final: Bool, into writer: inout LSBBitWriter
    ) {
        var position = start
        repeat {
            let length = min(65535, end - position)
            let last = final && position + length == end
            writer.write(last ? 1 : 0, bits: 3)
            writer.alignToByte()
            writer.write(UInt32(length), bits: 16)
            writer.write(UInt32(~length & 0xFFFF), bits: 16)
            if length > 0 { writer.append(UnsafeBufferPointer(rebasing: input[position..<(position + length)])) }
            position += length
        } while position < end
    }

    private static func payloadBits(
        _ literalFrequencies: [Int], _ distanceFrequencies: [Int], _ literalLengths: [UInt8], _ distanceLengths: [UInt8]
    ) -> Int {
        var bits = 0
        for (symbol, frequency) in literalFrequencies.enumerated() where frequency > 0 {
            bits += frequency * Int(literalLengths[symbol])
            if symbol > 256 { bits += frequency * Int(DeflateTables.lengthExtra[symbol - 257]) }
        }
        for (symbol, frequency) in distanceFrequencies.enumerated() where frequency > 0 {
            bits += frequency * (Int(distanceLengths[symbol]) + Int(DeflateTables.distanceExtra[symbol]))
        }
        return bits
    }

    /// Length symbol index (0…28) for a match length 3…258.
    static func lengthSymbol(_ length: Int) -> Int { lengthSymbols[length] }
    /// Distance symbol (0…29) for a distance 1…32768.
    static func distanceSymbol(_ distance: Int) -> Int {
        distance <= 256 ? Int(distanceSymbols[distance - 1]) : Int(distanceSymbols[256 + (distance - 1) >> 7])
    }

    private static let lengthSymbols: [Int] = {
        var table = [Int](repeating: 0, count: 259)
        for symbol in 0..<29 {
            let low = Int(DeflateTables.lengthBase[symbol])
            let high = symbol == 28 ? 258 : low + (1 << Int(DeflateTables.lengthExtra[symbol])) - 1
            for length in low...min(high, 258) { table[length] = symbol }
        }
        table[258] = 28
        return table
    }()

    /// zlib-style: distances 1…256 directly, larger ones by (distance - 1) >> 7.
    private static let distanceSymbols: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for symbol in 0..<30 {
            let low = Int(DeflateTables.distanceBase[symbol])
            let high = low + (1 << Int(DeflateTables.distanceExtra[symbol])) - 1
            for distance in low...high {
                if distance <= 256 { table[distance - 1] = UInt8(symbol) }
                if distance > 256 { table[256 + (distance - 1) >> 7] = UInt8(symbol) }
            }
        }
        return table
    }()
}
