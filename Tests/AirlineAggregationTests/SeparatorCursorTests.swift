import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// Stage 2's separator walk against a plain list of separator offsets.
@Suite("Separator cursor")
struct SeparatorCursorTests {
    /// Separators at the given offsets of a window of `words` 64-bit masks.
    static func masks(_ offsets: [Int], words: Int) -> [UInt64] {
        var masks = [UInt64](repeating: 0, count: words)
        for offset in offsets { masks[offset >> 6] |= 1 << UInt64(offset & 63) }
        return masks
    }

    @Test func offsetsAndCountsFollowTheMasks() {
        var generator = SeededRandom(seed: 11)
        for _ in 0..<300 {
            // A record of 1...60 fields, each 0...40 bytes, starting anywhere in the first word.
            let start = Int(generator.next() % 64)
            var offsets: [Int] = []
            var position = start
            for _ in 0..<(1 + Int(generator.next() % 60)) {
                position += Int(generator.next() % 41)
                offsets.append(position)
                position += 1
            }
            let masks = Self.masks(offsets + [position + 5], words: (position + 70) / 64 + 1)
            masks.withUnsafeBufferPointer { pointer in
                let base = pointer.baseAddress!
                let cursor = SeparatorCursor(masks: base, origin: 0, start: start)
                #expect(cursor.count(through: offsets.last!) == offsets.count)
                // Any increasing selection of separators, found from any earlier point.
                var walker = SeparatorCursor(masks: base, origin: 0, start: start)
                var target = Int(generator.next() % 3)
                while target < offsets.count {
                    #expect(walker.offset(ofSeparator: target) == offsets[target])
                    #expect(walker.ordinal == target + 1)
                    target += 1 + Int(generator.next() % 12)
                }
                // Resuming after a known separator, as a key run does.
                if offsets.count > 3 {
                    var resumed = SeparatorCursor(masks: base, origin: 0, start: offsets[1] + 1, ordinal: 2)
                    #expect(resumed.count(through: offsets.last!) == offsets.count - 2)
                    #expect(resumed.offset(ofSeparator: offsets.count - 1) == offsets.last!)
                }
            }
        }
    }
}
