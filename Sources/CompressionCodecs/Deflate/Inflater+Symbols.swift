extension Inflater {
    /// The hot loop: literal/length and distance symbols until end of block. `resumePoint` tracks the last
    /// symbol boundary for underflow recovery.
    func decodeSymbols(_ reader: inout LSBBitReader, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        let literalTable = literalLookup
        let distanceTable = distanceLookup
        let mask = (UInt64(1) << UInt64(DeflateHuffmanDecoder.lookupBits)) - 1
        let lengthBase = DeflateTables.lengthBase
        let lengthExtra = DeflateTables.lengthExtra
        let distanceBase = DeflateTables.distanceBase
        let distanceExtra = DeflateTables.distanceExtra
        while true {
            if windowFill > Self.windowCapacity - DeflateTables.maxMatch { try slideWindow(output: output) }
            setResumePoint(reader)
            if reader.available < 48 { reader.refill() }
            // Literal/length symbol.
            var entry = literalTable[Int(reader.buffer & mask)]
            var symbol = Int(entry >> 4)
            var length = Int(entry & 15)
            if entry == 0 {
                (symbol, length) = try decodeLong(literals: true, reader)
            }
            if length > reader.available { throw InflateUnderflow() }
            reader.buffer >>= UInt64(length)
            reader.available &-= length
            if symbol < 256 {
                appendLiteral(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == DeflateTables.endOfBlock { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else {
                throw InflateFailure(
                    kind: .corruptData, message: "invalid length symbol \(symbol)",
                    bitPosition: reader.bitPosition)
            }
            let lengthBits = Int(lengthExtra[lengthIndex])
            if lengthBits > reader.available { throw InflateUnderflow() }
            let matchLength = Int(lengthBase[lengthIndex]) + Int(reader.buffer & ((1 << UInt64(lengthBits)) &- 1))
            reader.buffer >>= UInt64(lengthBits)
            reader.available &-= lengthBits
            // Distance symbol.
            if reader.available < 28 { reader.refill() }
            entry = distanceTable[Int(reader.buffer & mask)]
            symbol = Int(entry >> 4)
            length = Int(entry & 15)
            if entry == 0 {
                (symbol, length) = try decodeLong(literals: false, reader)
            }
            if length > reader.available { throw InflateUnderflow() }
            reader.buffer >>= UInt64(length)
            reader.available &-= length
            guard symbol < 30 else {
                throw InflateFailure(
                    kind: .corruptData, message: "invalid distance symbol \(symbol)",
                    bitPosition: reader.bitPosition)
            }
            let distanceBits = Int(distanceExtra[symbol])
            if distanceBits > reader.available { throw InflateUnderflow() }
            let distance = Int(distanceBase[symbol]) + Int(reader.buffer & ((1 << UInt64(distanceBits)) &- 1))
            reader.buffer >>= UInt64(distanceBits)
            reader.available &-= distanceBits
            guard distance <= windowFill else {
                throw InflateFailure(
                    kind: .corruptData,
                    message: "distance \(distance) reaches before the start of the output",
                    bitPosition: reader.bitPosition)
            }
            copyMatch(distance: distance, length: matchLength)
        }
    }

    private func decodeLong(literals: Bool, _ reader: LSBBitReader) throws -> (Int, Int) {
        guard let long = (literals ? self.literals : self.distances).decodeLong(reader.buffer) else {
            if reader.available < DeflateHuffmanDecoder.maxLength { throw InflateUnderflow() }
            throw InflateFailure(
                kind: .corruptData, message: "bits match no \(literals ? "literal/length" : "distance") code",
                bitPosition: reader.bitPosition)
        }
        return long
    }
}
