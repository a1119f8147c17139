/// SIMD classification of 64-byte blocks into bitmasks (bit i = byte i), simdcsv style.
///
/// Four `SIMD16<UInt8>` compares per byte class (SSE2/NEON baseline), each packed to 16 bits with the
/// multiply trick: the high bit of each byte of a 64-bit lane lands in the top byte after one multiplication by
/// Σ 2^(7j), j = 0…7 (no carries can collide), so no `movemask` intrinsic is needed.
enum BlockClassifier {
    struct Masks {
        /// Delimiters and newlines.
        var separators: UInt64
        var newlines: UInt64
        var quotes: UInt64
    }

    @inline(__always)
    static func pack(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
        let lanes = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        let low = ((lanes[0] & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
        let high = ((lanes[1] & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
        return low | high << 8
    }

    /// Classifies the 64 bytes at `pointer` (all must be readable).
    @inline(__always)
    static func classify(_ pointer: UnsafeRawPointer, delimiter: UInt8, quote: UInt8) -> Masks {
        let delimiters = SIMD16<UInt8>(repeating: delimiter)
        let lineFeeds = SIMD16<UInt8>(repeating: 0x0A)
        let quotes = SIMD16<UInt8>(repeating: quote)
        var separators: UInt64 = 0
        var newlines: UInt64 = 0
        var quoteMask: UInt64 = 0
        var anyQuote = SIMDMask<SIMD16<Int8>>(repeating: false)
        var vectors: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>) = (.zero, .zero, .zero, .zero)
        vectors.0 = pointer.loadUnaligned(fromByteOffset: 0, as: SIMD16<UInt8>.self)
        vectors.1 = pointer.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
        vectors.2 = pointer.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self)
        vectors.3 = pointer.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self)
        @inline(__always) func lane(_ vector: SIMD16<UInt8>, _ shift: UInt64) {
            let newline = vector .== lineFeeds
            newlines |= pack(newline) << shift
            separators |= pack(newline .| (vector .== delimiters)) << shift
            anyQuote = anyQuote .| (vector .== quotes)
        }
        lane(vectors.0, 0)
        lane(vectors.1, 16)
        lane(vectors.2, 32)
        lane(vectors.3, 48)
        if anyLane(anyQuote) {
            quoteMask = pack(vectors.0 .== quotes) | pack(vectors.1 .== quotes) << 16
                | pack(vectors.2 .== quotes) << 32 | pack(vectors.3 .== quotes) << 48
        }
        return Masks(separators: separators, newlines: newlines, quotes: quoteMask)
    }

    /// `any(mask)` without the generic (and, in practice, non-inlined) reduction.
    @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let lanes = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return lanes[0] | lanes[1] != 0
    }

    /// Bit i set when an odd number of quote bits are at positions ≤ i (the "inside quotes" mask).
    @inline(__always)
    static func prefixXor(_ value: UInt64) -> UInt64 {
        var mask = value
        mask ^= mask << 1
        mask ^= mask << 2
        mask ^= mask << 4
        mask ^= mask << 8
        mask ^= mask << 16
        mask ^= mask << 32
        return mask
    }

    /// Whether the `count` bytes at `pointer` contain `byte` (16 bytes at a time, with a scalar tail).
    static func contains(_ byte: UInt8, in pointer: UnsafeRawPointer, count: Int) -> Bool {
        let needle = SIMD16<UInt8>(repeating: byte)
        var offset = 0
        while offset + 64 <= count {
            let hit = (pointer.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self) .== needle)
                .| (pointer.loadUnaligned(fromByteOffset: offset + 16, as: SIMD16<UInt8>.self) .== needle)
                .| (pointer.loadUnaligned(fromByteOffset: offset + 32, as: SIMD16<UInt8>.self) .== needle)
                .| (pointer.loadUnaligned(fromByteOffset: offset + 48, as: SIMD16<UInt8>.self) .== needle)
            if anyLane(hit) { return true }
            offset += 64
        }
        while offset < count {
            if pointer.load(fromByteOffset: offset, as: UInt8.self) == byte { return true }
            offset += 1
        }
        return false
    }
}
