import CompressionCodecs
import Testing

@Suite("gzip decoder")
struct GzipDecoderTests {
    @Test(
        "decodes gzip and Python zlib output",
        arguments: [
            "sample.txt.gz", "all-header-fields.gz", "stored.gz", "fixed-huffman.gz",
        ])
    func decodesSample(name: String) throws {
        let input = try Fixture.bytes(name)
        #expect(CompressionFormat.detect(input) == .gzip)
        #expect(try Gzip.decompress(input) == Fixture.bytes("sample.txt"))
    }

    @Test func emptyMember() throws {
        #expect(try Gzip.decompress(Fixture.bytes("empty.gz")).isEmpty)
    }

    @Test("large file and multi-member file in any chunking", arguments: [Int.max, 1, 1000, 65536])
    func chunked(chunkSize: Int) throws {
        let expected = Fixture.generated(size: 250_000, seed: 7)
        for name in ["generated-250k.gz", "multimember.gz"] {
            #expect(try streamDecode(Fixture.bytes(name), format: .gzip, chunkSize: chunkSize) == expected, "\(name)")
        }
    }

    @Test func everyTruncationIsATypedError() throws {
        let input = try Fixture.bytes("all-header-fields.gz")
        for length in 0..<input.count {
            let error = #expect(throws: CompressionError.self) { try Gzip.decompress(Array(input[0..<length])) }
            #expect(error?.kind == .truncated, "cut at \(length)")
        }
    }

    @Test func corruptTrailerIsDetected() throws {
        let good = try Fixture.bytes("sample.txt.gz")
        var badCRC = good
        badCRC[good.count - 8] ^= 1
        #expect(throws: CompressionError.self) { try Gzip.decompress(badCRC) }
        let crcError = try? Gzip.decompress(badCRC)
        #expect(crcError == nil)
        do { _ = try Gzip.decompress(badCRC) } catch let error as CompressionError {
            #expect(error.kind == .streamCRCMismatch)
        }
        var badSize = good
        badSize[good.count - 1] ^= 1
        let sizeError = #expect(throws: CompressionError.self) { try Gzip.decompress(badSize) }
        #expect(sizeError?.kind == .lengthMismatch)
    }

    @Test func corruptHeaderCRCIsDetected() throws {
        var input = try Fixture.bytes("all-header-fields.gz")
        input[20] ^= 0x20  // inside FNAME, covered by FHCRC
        let error = #expect(throws: CompressionError.self) { try Gzip.decompress(input) }
        #expect(error?.kind == .streamCRCMismatch)
    }

    @Test func headerValidation() throws {
        let bad = #expect(throws: CompressionError.self) { try Gzip.decompress([0x1F, 0x8C, 8, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(bad?.kind == .badMagic)
        let method = #expect(throws: CompressionError.self) {
            try Gzip.decompress([0x1F, 0x8B, 7, 0, 0, 0, 0, 0, 0, 0])
        }
        #expect(method?.kind == .badHeader)
        #expect(method?.offset == 2)
        let trailing = try Fixture.bytes("sample.txt.gz") + [0x42]
        let garbage = #expect(throws: CompressionError.self) { try Gzip.decompress(trailing) }
        #expect(garbage?.kind == .badMagic)
    }

    @Test func reservedBlockTypeAndBadDistance() throws {
        // Header, then BFINAL=1 BTYPE=11.
        let reserved: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x07, 0, 0, 0, 0, 0, 0, 0, 0]
        let error = #expect(throws: CompressionError.self) { try Gzip.decompress(reserved) }
        #expect(error?.kind == .badHeader)
        // Fixed block whose first symbol is a match (length 3, distance 1) with no history.
        var writerBits: [Bool] = [true, true, false]  // BFINAL, BTYPE=01 (LSB first)
        writerBits += [false, false, false, false, false, false, true]  // length symbol 257: 7-bit code 0000001
        writerBits += [false, false, false, false, false]  // distance symbol 0
        writerBits += [Bool](repeating: false, count: 7)
        var body = [UInt8](repeating: 0, count: (writerBits.count + 7) / 8)
        for (index, bit) in writerBits.enumerated() where bit { body[index / 8] |= 1 << UInt8(index % 8) }
        let input: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + body + [UInt8](repeating: 0, count: 8)
        let distance = #expect(throws: CompressionError.self) { try Gzip.decompress(input) }
        #expect(distance?.kind == .corruptData)
    }
}
