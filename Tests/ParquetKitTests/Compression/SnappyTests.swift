import ParquetKit
import TestSupport
import Testing

struct SnappyTests {
    static func inputs() -> [(String, [UInt8])] {
        var rng = SeededRandom(seed: 7)
        let random = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let text = Array(String(repeating: "Year,Month,DayofMonth,DepTime,ArrDelay,NA,NA,", count: 3000).utf8)
        var doubles: [UInt8] = []
        for i in 0..<50_000 { withUnsafeBytes(of: (Double(i % 97) * 0.25).bitPattern.littleEndian) { doubles += $0 } }
        // Few distinct bytes: many short matches at small offsets.
        let lowEntropy = (0..<70_000).map { _ in UInt8.random(in: 0...3, using: &rng) }
        return [
            ("empty", []),
            ("one byte", [42]),
            ("fifteen bytes", Array(0..<15)),
            ("sixteen zeros", Array(repeating: 0, count: 16)),
            ("all zeros 1 MiB", Array(repeating: 0, count: 1 << 20)),
            ("fragment boundary", Array(repeating: 0xAB, count: 65_536) + Array(0..<200)),
            ("fragment boundary + 1", Array(repeating: 0xAB, count: 65_537)),
            ("random 200 KB", random),
            ("csv-like text", text),
            ("doubles", doubles),
            ("low entropy", lowEntropy),
            ("long literal then repeat", Array(random[0..<70_000]) + Array(random[0..<70_000])),
        ]
    }

    @Test(arguments: inputs())
    func roundTrip(_ name: String, _ input: [UInt8]) throws {
        let compressed = SnappyCompressor.compress(input)
        #expect(compressed.count <= SnappyCompressor.maximumCompressedLength(input.count))
        #expect(try SnappyDecompressor.decompress(compressed) == input, "\(name)")
    }

    @Test func repetitiveDataActuallyCompresses() {
        let input = [UInt8](repeating: 7, count: 100_000)
        #expect(SnappyCompressor.compress(input).count < 5_000)
        let text = Array(String(repeating: "2007,1,1,1232,1225,1341,", count: 1000).utf8)
        #expect(SnappyCompressor.compress(text).count < text.count / 10)
    }

    // Hand-made blocks from format_description.txt: literal, 1-byte-offset copy, overlapping copy.
    @Test func decodesSpecElements() throws {
        // "abcd" literal, then copy1 length 8 offset 4 → "abcdabcdabcd"
        let block: [UInt8] = [12, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x01 | (4 << 2), 0x04]
        #expect(try SnappyDecompressor.decompress(block) == Array("abcdabcdabcd".utf8))
        // "a" literal then copy2 length 9 offset 1 (overlapping run) → ten "a"s.
        let run: [UInt8] = [10, 0x00, 0x61, 0x02 | (8 << 2), 0x01, 0x00]
        #expect(try SnappyDecompressor.decompress(run) == Array(repeating: 0x61, count: 10))
        // copy4 form and a 1-extra-byte literal length (tag 0xF0: length in the next byte + 1).
        let literal = [UInt8](repeating: 0x5A, count: 70)
        let long: [UInt8] = [74, 0xF0, 69] + literal + [0x03 | (3 << 2), 70, 0, 0, 0]
        #expect(try SnappyDecompressor.decompress(long) == literal + Array(repeating: 0x5A, count: 4))
    }

    static let corruptBlocks: [[UInt8]] = [
        [],  // no preamble
        [0x80],  // preamble truncated
        [0x05, 0x10, 0x61],  // literal runs past the input
        [0x04, 0x01, 0x01],  // starts with a copy: offset beyond output
        [0x02, 0x04, 0x61, 0x62, 0x63],  // literal longer than the stated length
        [0x05, 0x00, 0x61],  // produces 1 byte, states 5
        [0x04, 0x00, 0x61, 0x02 | (2 << 2), 0x00, 0x00],  // zero offset
        [0xFF, 0xFF, 0xFF, 0xFF, 0x0F],  // 4 GiB stated, beyond the cap
    ]

    @Test(arguments: corruptBlocks)
    func corruptBlocksThrow(_ block: [UInt8]) {
        #expect(throws: SnappyError.self) { _ = try SnappyDecompressor.decompress(block, maximumLength: 1 << 20) }
    }

    @Test func randomMutationsNeverCrash() {
        var rng = SeededRandom(seed: 99)
        let original = SnappyCompressor.compress(Array(String(repeating: "abcabcabd-", count: 500).utf8))
        for _ in 0..<500 {
            var mutated = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { mutated.removeLast(Int.random(in: 0..<mutated.count, using: &rng)) }
            // Either a clean error or some output of the stated size; never a crash.
            if let output = try? SnappyDecompressor.decompress(mutated, maximumLength: 1 << 16) {
                #expect(output.count <= 1 << 16)
            }
        }
    }

    @Test func codecChecksTheStatedPageSize() throws {
        let codec = SnappyCodec()
        let payload = Array("hello hello hello".utf8)
        let compressed = codec.compress(payload)
        #expect(try decompress(codec, compressed, payload.count) == payload)
        #expect(throws: ParquetError.self) { _ = try decompress(codec, compressed, payload.count + 1) }
    }

    private func decompress(_ codec: some ParquetCodec, _ bytes: [UInt8], _ size: Int) throws -> [UInt8] {
        try bytes.withUnsafeBytes { raw throws in try codec.decompress(raw, uncompressedSize: size) }
    }
}
