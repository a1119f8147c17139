/// Positions of 64-bit patterns, by open addressing with a multiplicative hash: the dictionary of a number column
/// looked up without `Hasher` (SipHash and the generic `Dictionary` probe were most of building the dictionaries of
/// a million-row chunk of integers or doubles).
struct BitsIndex {
    private var keys: [UInt64]
    /// Position + 1 of the key in the same slot; 0 for an empty slot.
    private var slots: [UInt32]
    private var count = 0
    private var shift: UInt64

    init() {
        keys = Array(repeating: 0, count: 64)
        slots = Array(repeating: 0, count: 64)
        shift = 64 - 6
    }

    /// The position stored for `bits`, or `position` after storing it when `bits` is new.
    @inline(__always)
    mutating func position(of bits: UInt64, insertingAt position: UInt32) -> (position: UInt32, inserted: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if keys[slot] == bits { return (stored - 1, false) }
            slot = (slot + 1) & mask
        }
        keys[slot] = bits
        slots[slot] = position + 1
        count += 1
        if count * 2 > slots.count { grow() }
        return (position, true)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        let size = slots.count * 2
        keys = Array(repeating: 0, count: size)
        slots = Array(repeating: 0, count: size)
        shift -= 1
        let mask = size - 1
        for (key, stored) in zip(oldKeys, oldSlots) where stored != 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            slots[slot] = stored
        }
    }
}
