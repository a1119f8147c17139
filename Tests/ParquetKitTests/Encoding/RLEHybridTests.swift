import ParquetKit
import TestSupport
import Testing

struct RLEHybridTests {
    private func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        RLEHybridEncoder.encode(values, bitWidth: bitWidth, into: &out)
        return out
    }

    private func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            return try RLEHybridDecoder.decode(raw, offset: &offset, end: raw.count, bitWidth: bitWidth, count: count)
        }
    }

    // Vectors from parquet.md §2.2 (transcribed).
    @Test func thousandOnesAreOneRLERun() {
        #expect(encode(Array(repeating: 1, count: 1000), bitWidth: 1) == [0xD0, 0x0F, 0x01])
    }

    @Test func mixedLevelsAreBitPackedLSBFirst() {
        #expect(encode([1, 1, 0, 1, 1, 1, 1, 1, 1, 0], bitWidth: 1) == [0x05, 0xFB, 0x01])
    }

    // Encodings.md example: values 0..7 at bit width 3 pack to 0x88 0xC6 0xFA.
    @Test func specBitPackingExample() {
        #expect(encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func rleRunValueTakesCeilBitWidthOver8Bytes() {
        #expect(encode(Array(repeating: 0x1234, count: 8), bitWidth: 13) == [0x10, 0x34, 0x12])
        #expect(encode(Array(repeating: 0, count: 9), bitWidth: 0) == [0x12])
    }

    @Test func longRunAfterShortPrefixSwitchesAtAGroupBoundary() {
        // 3 distinct values, then 20 sevens: one bit-packed group (3 + 5 sevens), then an RLE run of 15.
        let values: [UInt32] = [1, 2, 3] + Array(repeating: 7, count: 20)
        let bytes = encode(values, bitWidth: 3)
        #expect(bytes.first == 0x03)
        #expect(Array(bytes.suffix(2)) == [0x1E, 0x07])
    }

    @Test func emptyInputEncodesToNothing() {
        #expect(encode([], bitWidth: 5).isEmpty)
    }

    @Test(arguments: [0, 1, 2, 3, 5, 8, 13, 16, 20, 31, 32])
    func randomRoundTrip(bitWidth: Int) throws {
        var rng = SeededRandom(seed: UInt64(bitWidth) + 1)
        let maxValue: UInt64 = bitWidth == 0 ? 0 : (1 << UInt64(bitWidth)) - 1
        for length in [1, 7, 8, 9, 63, 64, 65, 1000] {
            // Mix runs and noise so both run kinds appear.
            var values: [UInt32] = []
            while values.count < length {
                let value = UInt32(UInt64.random(in: 0...maxValue, using: &rng))
                let run = Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 1...30, using: &rng) : 1
                values += Array(repeating: value, count: min(run, length - values.count))
            }
            let bytes = encode(values, bitWidth: bitWidth)
            #expect(try decode(bytes, bitWidth: bitWidth, count: values.count) == values, "length \(length)")
        }
    }

    @Test func bitWidthForMaxValue() {
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 2) == 2)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 255) == 8)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 256) == 9)
    }

    @Test(arguments: [
        ([UInt8](), 1),  // no run header at all
        ([0x03], 1),  // bit-packed group without its byte
        ([0x02], 9),  // RLE run without its 2-byte value
        ([0x02, 0x05], 1),  // RLE value 5 does not fit 1 bit
        ([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], 1),  // bit-packed run of 2^34 groups
        ([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80], 1),  // endless varint
    ])
    func corruptRunsThrow(_ bytes: [UInt8], bitWidth: Int) {
        #expect(throws: ParquetError.self) { _ = try decode(bytes, bitWidth: bitWidth, count: 4) }
    }
}
