/// Walks the separators of one record through the per-block bitmasks of stage 1 (bit i of word w = byte
/// `64w + i` of the window is a delimiter or newline outside quotes), without materialising their offsets.
///
/// Only the separators around projected fields are located; runs of unprojected fields are skipped a whole
/// word at a time with `popcount`, so a wide row costs little more than a narrow one.
struct SeparatorCursor {
    let masks: UnsafePointer<UInt64>
    /// Chunk offset of bit 0 of word 0.
    let origin: Int
    private(set) var word: Int
    /// The not yet visited separators of `word`.
    private var bits: UInt64
    /// Ordinal (within the record) of the lowest bit of `bits`.
    private(set) var ordinal = 0

    /// A cursor at chunk offset `start`: a record's first byte, or (with `ordinal`) the byte after its separator
    /// `ordinal - 1`.
    @inline(__always)
    init(masks: UnsafePointer<UInt64>, origin: Int, start: Int, ordinal: Int = 0) {
        self.masks = masks
        self.origin = origin
        self.ordinal = ordinal
        let relative = start &- origin
        word = relative &>> 6
        bits = masks[word] & (~0 &<< UInt64(relative & 63))
    }

    /// Separators from the cursor through chunk offset `end` inclusive (the record's newline: its field count).
    @inline(__always)
    func count(through end: Int) -> Int {
        let relative = end &- origin
        let last = relative &>> 6
        let shift = UInt64(relative & 63)
        let upTo: UInt64 = shift == 63 ? ~0 : (1 &<< (shift &+ 1)) &- 1
        if last == word { return (bits & upTo).nonzeroBitCount }
        var total = bits.nonzeroBitCount
        var index = word &+ 1
        while index < last {
            total &+= masks[index].nonzeroBitCount
            index &+= 1
        }
        return total &+ (masks[last] & upTo).nonzeroBitCount
    }

    /// The chunk offset of separator `target` of the record (`target >= ordinal`; it must exist), consuming it and
    /// every separator before it.
    @inline(__always)
    mutating func offset(ofSeparator target: Int) -> Int {
        var skip = target &- ordinal
        // `popcount` only when separators must be skipped: without POPCNT in the baseline ISA it is a dozen ops.
        while skip > 0 {
            let available = bits.nonzeroBitCount
            if available > skip {
                repeat {
                    bits &= bits &- 1
                    skip &-= 1
                } while skip > 0
                break
            }
            skip &-= available
            word &+= 1
            bits = masks[word]
        }
        while bits == 0 {
            word &+= 1
            bits = masks[word]
        }
        let offset = origin &+ (word &<< 6) &+ bits.trailingZeroBitCount
        bits &= bits &- 1
        ordinal = target &+ 1
        return offset
    }
}
