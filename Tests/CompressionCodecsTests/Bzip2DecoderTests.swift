import CompressionCodecs
import Testing

@Suite("bzip2 decoder")
struct Bzip2DecoderTests {
    static let plainFixtures: [(compressed: String, plain: String)] = [
        ("sample.txt.bz2", "sample.txt"), ("runs.txt.bz2", "runs.txt"),
    ]

    @Test("decodes files written by bzip2", arguments: plainFixtures)
    func decodesToolOutput(compressed: String, plain: String) throws {
        let input = try Fixture.bytes(compressed)
        #expect(CompressionFormat.detect(input) == .bzip2)
        #expect(try Bzip2.decompress(input) == Fixture.bytes(plain))
    }

    @Test func emptyStreamDecodesToNothing() throws {
        #expect(try Bzip2.decompress(Fixture.bytes("empty.bz2")).isEmpty)
    }

    @Test(
        "multi-block file: 1 and 2 workers, any chunking, give identical bytes",
        arguments: [(1, Int.max), (2, Int.max), (1, 4096), (2, 777), (3, 65536)])
    func multiBlock(workers: Int, chunkSize: Int) throws {
        let input = try Fixture.bytes("generated-250k-level1.bz2")
        let expected = Fixture.generated(size: 250_000, seed: 7)
        #expect(try streamDecode(input, format: .bzip2, workers: workers, chunkSize: chunkSize) == expected)
    }

    @Test(
        "concatenated streams (different block sizes; pbzip2-style one block per stream)",
        arguments: [("concatenated.bz2", 1), ("concatenated.bz2", 2), ("pbzip2-style.bz2", 1), ("pbzip2-style.bz2", 2)])
    func concatenatedStreams(name: String, workers: Int) throws {
        let input = try Fixture.bytes(name)
        let expected = Fixture.generated(size: 250_000, seed: 7)
        #expect(try Bzip2.decompress(input, workers: workers) == expected)
        #expect(try streamDecode(input, format: .bzip2, workers: workers, chunkSize: 10_000) == expected)
    }

    @Test(
        "randomised blocks (bzip2 0.9.0), made by make_fixtures.py's encoder and checked there by bzip2",
        arguments: [1, 2])
    func randomisedBlocks(workers: Int) throws {
        let input = try Fixture.bytes("randomised.bz2")
        #expect(try Bzip2.decompress(input, workers: workers) == Fixture.bytes("randomised.txt"))
    }

    @Test("one-byte to nine-byte blocks, each its own stream, concatenated", arguments: [(1, Int.max), (2, 7)])
    func tinyBlocks(workers: Int, chunkSize: Int) throws {
        let text = Fixture.generated(size: 250_000, seed: 7)
        let expected = (1...9).flatMap { text[0..<$0] }
        let input = try Fixture.bytes("tiny-streams.bz2")
        #expect(try streamDecode(input, format: .bzip2, workers: workers, chunkSize: chunkSize) == expected)
    }

    /// 72,000 bytes repeating one 24-byte line: the block's rows form 3,000 cycles, which the four-chain
    /// inverse-BWT walk must notice (its chains from the middle row never meet the ones from the ends).
    @Test("a block repeating one line", arguments: [1, 2])
    func periodicBlock(workers: Int) throws {
        let expected = Array([[UInt8]](repeating: Array("2007,1,1,ORD,ATL,-5,12\n".utf8), count: 3000).joined())
        #expect(expected.count >= 16_384)
        #expect(try Bzip2.decompress(Fixture.bytes("periodic.bz2"), workers: workers) == expected)
    }

    @Test("full 900,000-symbol blocks", arguments: [(1, Int.max), (2, 65536)])
    func maximumSizeBlocks(workers: Int, chunkSize: Int) throws {
        let text = Fixture.generated(size: 250_000, seed: 7)
        let expected = Array([[UInt8]](repeating: text, count: 4).joined())
        let input = try Fixture.bytes("full-blocks.bz2")
        #expect(try streamDecode(input, format: .bzip2, workers: workers, chunkSize: chunkSize) == expected)
    }

    @Test("every truncation point gives a typed truncation error", arguments: [1, 2])
    func everyTruncation(workers: Int) throws {
        let input = try Fixture.bytes("sample.txt.bz2")
        for length in 0..<input.count {
            let error = #expect(throws: CompressionError.self) {
                try Bzip2.decompress(Array(input[0..<length]), workers: workers)
            }
            #expect(error?.format == .bzip2)
            #expect(error?.kind == .truncated || (length < 4 && error?.kind == .badMagic), "cut at \(length)")
        }
    }

    @Test func truncatedMultiBlockNamesTheBlock() throws {
        let input = try Fixture.bytes("generated-250k-level1.bz2")
        let error = #expect(throws: CompressionError.self) {
            try Bzip2.decompress(Array(input[0..<(input.count * 2 / 3)]), workers: 2)
        }
        #expect(error?.kind == .truncated)
        #expect((error?.blockIndex ?? 0) >= 1)
    }

    @Test("a wrong block CRC is reported with the block index", arguments: [1, 2])
    func blockCRCMismatch(workers: Int) throws {
        var input = try Fixture.bytes("sample.txt.bz2")
        input[10] ^= 0x01  // bytes 10…13 hold the first block's CRC
        let error = #expect(throws: CompressionError.self) { try Bzip2.decompress(input, workers: workers) }
        #expect(error?.kind == .blockCRCMismatch)
        #expect(error?.blockIndex == 0)
        #expect(error?.offset == 4)
    }

    @Test func wrongStreamCRCIsDetected() throws {
        var input = try Fixture.bytes("sample.txt.bz2")
        input[input.count - 2] ^= 0x10  // inside the combined CRC that ends the stream
        let error = #expect(throws: CompressionError.self) { try Bzip2.decompress(input) }
        #expect(error?.kind == .streamCRCMismatch)
    }

    @Test func flippedDataBitIsDetected() throws {
        var input = try Fixture.bytes("generated-250k-level1.bz2")
        input[input.count / 2] ^= 0x40
        #expect(throws: CompressionError.self) { try Bzip2.decompress(input, workers: 2) }
    }

    @Test func badMagicAndTrailingGarbage() throws {
        let error = #expect(throws: CompressionError.self) { try Bzip2.decompress(Array("BZx9 nope".utf8)) }
        #expect(error?.kind == .badMagic)
        let valid = try Fixture.bytes("sample.txt.bz2")
        let trailing = #expect(throws: CompressionError.self) {
            try Bzip2.decompress(valid + [0x00, 0x01, 0x02, 0x03])
        }
        #expect(trailing?.kind == .badMagic)
        #expect(trailing?.offset == valid.count)
    }

    @Test func blockSizeDigitIsValidated() throws {
        var input = try Fixture.bytes("sample.txt.bz2")
        input[3] = 0x30
        let error = #expect(throws: CompressionError.self) { try Bzip2.decompress(input) }
        #expect(error?.kind == .badHeader)
    }

    @Test("bit flips in the block header yield typed causes, including bad Huffman tables", arguments: [1, 2])
    func headerBitFlips(workers: Int) throws {
        let valid = try Fixture.bytes("sample.txt.bz2")
        var kinds: Set<CompressionError.Kind> = []
        for bit in (10 * 8)..<(80 * 8) {
            var input = valid
            input[bit / 8] ^= UInt8(0x80 >> (bit % 8))
            do {
                _ = try Bzip2.decompress(input, workers: workers)
            } catch let error as CompressionError {
                kinds.insert(error.kind)
                if error.kind != .truncated && error.kind != .streamCRCMismatch { #expect(error.blockIndex == 0) }
            }
        }
        #expect(kinds.contains(.badHuffmanTable))
        #expect(kinds.contains(.blockCRCMismatch))
        #expect(kinds.contains(.corruptData))
    }
}
