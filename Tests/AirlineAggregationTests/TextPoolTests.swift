import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// The text pool's probes compare a slot's inline prefix and length first, and text keys are ranked through byte-order
/// integers when every text is short: both must agree with plain byte comparison on texts that share prefixes,
/// differ only in trailing zero bytes, carry bytes above 0x7F, or are longer than the inline eight bytes.
struct TextPoolTests {
    /// Texts built to collide on prefixes and lengths, plus seeded random ones.
    static func texts(short: Bool) -> [[UInt8]] {
        var texts: [[UInt8]] = [
            [], [0], [0, 0], Array("A".utf8), [0x41, 0], [0x41, 0, 0], Array("AB".utf8), Array("N708CW".utf8),
            Array("N708CX".utf8), [0xC3, 0xA9], [0xFF], [0x7F], Array("ATL".utf8), Array("ATLA".utf8),
        ]
        if !short {
            texts += [
                Array("ABCDEFGH".utf8), Array("ABCDEFGHI".utf8), Array("ABCDEFGHJ".utf8), Array("ABCDEFGH\u{0}".utf8),
                Array(repeating: 0x61, count: 300), Array(repeating: 0x61, count: 301),
                Array(repeating: 0x61, count: 255) + [0x62], Array(repeating: 0x61, count: 255) + [0x63],
            ]
        }
        var random = SeededRandom(seed: short ? 7 : 8)
        for _ in 0..<2_000 {
            let length = Int(random.next() % (short ? 8 : 20))
            // A small alphabet, so many texts share prefixes.
            texts.append((0..<length).map { _ in [0, 0x41, 0x42, 0x80, 0xFF][Int(random.next() % 5)] })
        }
        return texts
    }

    @Test(arguments: [true, false])
    func internFindsEachTextOnceAndKeepsItsBytes(short: Bool) {
        let pool = TextPool()
        let texts = Self.texts(short: short)
        var firstId: [[UInt8]: Int] = [:]
        for text in texts + texts.reversed() {
            let id = text.withUnsafeBufferPointer {
                pool.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)
            }
            if let known = firstId[text] { #expect(id == known) } else { firstId[text] = id }
            #expect(Array(pool.bytes(id)) == text)
        }
        #expect(pool.count == Set(texts).count)
    }

    @Test(arguments: [true, false])
    func ranksFollowByteOrder(short: Bool) {
        let pool = TextPool()
        for text in Self.texts(short: short) {
            _ = text.withUnsafeBufferPointer {
                pool.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)
            }
        }
        let ranks = SortCodes.textRanks(pool)
        let expected = (0..<pool.count).sorted {
            Array(pool.bytes($0)).lexicographicallyPrecedes(Array(pool.bytes($1)))
        }
        #expect(expected.map { ranks[$0] } == Array(0..<Int64(pool.count)))
    }
}
