/// Constant tables of RFC 1951 shared by the decoder and the encoder.
enum DeflateTables {
    /// Base match length for length symbols 257…285.
    static let lengthBase: [UInt16] = {
        var base = [UInt16]()
        var value = 3
        for symbol in 0..<28 {
            base.append(UInt16(value))
            value += 1 << lengthExtra[symbol]
        }
        base.append(258)
        return base
    }()
    /// Extra bits for length symbols 257…285.
    static let lengthExtra: [UInt8] = (0..<29).map { (index: Int) -> UInt8 in
        index < 8 || index == 28 ? 0 : UInt8((index - 4) / 4)
    }
    /// Base distance for distance symbols 0…29.
    static let distanceBase: [UInt32] = {
        var base = [UInt32]()
        var value: UInt32 = 1
        for symbol in 0..<30 {
            base.append(value)
            value += 1 << UInt32(distanceExtra[symbol])
        }
        return base
    }()
    /// Extra bits for distance symbols 0…29.
    static let distanceExtra: [UInt8] = (0..<30).map { (index: Int) -> UInt8 in
        index < 4 ? 0 : UInt8((index - 2) / 2)
    }
    /// The order in which code-length code lengths are stored in a dynamic block header.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed literal/length code lengths (RFC 1951 §3.2.6).
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { (symbol: Int) -> UInt8 in
        if symbol < 144 { return 8 }
        if symbol < 256 { return 9 }
        return symbol < 280 ? 7 : 8
    }
    /// The fixed distance code lengths.
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 30)

    static let endOfBlock = 256
    static let maxMatch = 258
    static let windowSize = 32768
}
