import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// Stage 1's byte classes against a byte-by-byte definition, for every bit position and several dialects.
@Suite("Block classifier")
struct BlockClassifierTests {
    static func expected(_ block: [UInt8], delimiter: UInt8, quote: UInt8) -> BlockClassifier.Masks {
        var masks = BlockClassifier.Masks(separators: 0, newlines: 0, quotes: 0)
        for (index, byte) in block.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            if byte == 0x0A { masks.newlines |= bit }
            if byte == 0x0A || byte == delimiter { masks.separators |= bit }
            if byte == quote { masks.quotes |= bit }
        }
        return masks
    }

    @Test(arguments: [(UInt8(ascii: ","), UInt8(ascii: "\"")), (UInt8(ascii: "\t"), UInt8(ascii: "'")), (0xFF, 0x80)])
    func randomBlocksMatchTheDefinition(delimiter: UInt8, quote: UInt8) {
        var generator = SeededRandom(seed: UInt64(delimiter) << 8 | UInt64(quote))
        let alphabet: [UInt8] = [delimiter, quote, 0x0A, 0x0D, UInt8(ascii: "7"), UInt8(ascii: "N"), 0x00, 0xFF, 0x80]
        for _ in 0..<2_000 {
            let block = (0..<64).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let got = block.withUnsafeBytes {
                BlockClassifier.classify($0.baseAddress!, delimiter: delimiter, quote: quote)
            }
            let want = Self.expected(block, delimiter: delimiter, quote: quote)
            #expect(
                got.separators == want.separators && got.newlines == want.newlines && got.quotes == want.quotes,
                "block \(block)")
        }
    }

    @Test func everySingleBitLandsInItsPosition() {
        for position in 0..<64 {
            var block = [UInt8](repeating: UInt8(ascii: "x"), count: 64)
            block[position] = 0x0A
            let masks = block.withUnsafeBytes { BlockClassifier.classify($0.baseAddress!, delimiter: 44, quote: 34) }
            #expect(masks.newlines == 1 << UInt64(position) && masks.separators == masks.newlines && masks.quotes == 0)
        }
    }

    @Test func containsFindsABytePastTheVectorBody() {
        var bytes = [UInt8](repeating: 0, count: 200)
        bytes[199] = 0x22
        #expect(bytes.withUnsafeBytes { BlockClassifier.contains(0x22, in: $0.baseAddress!, count: 200) })
        #expect(!bytes.withUnsafeBytes { BlockClassifier.contains(0x22, in: $0.baseAddress!, count: 199) })
        #expect(!bytes.withUnsafeBytes { BlockClassifier.contains(0x22, in: $0.baseAddress!, count: 0) })
    }
}
