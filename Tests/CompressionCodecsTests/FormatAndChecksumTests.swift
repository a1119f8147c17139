import CompressionCodecs
import Testing

@Suite("format detection and checksums")
struct FormatAndChecksumTests {
    @Test func detectsByMagicNotName() throws {
        #expect(CompressionFormat.detect(try Fixture.bytes("sample.txt.bz2")) == .bzip2)
        #expect(CompressionFormat.detect(try Fixture.bytes("empty.bz2")) == .bzip2)
        #expect(CompressionFormat.detect(try Fixture.bytes("sample.txt.gz")) == .gzip)
        #expect(CompressionFormat.detect(try Fixture.bytes("sample.txt")) == .none)
        #expect(CompressionFormat.detect(Array("BZh9 but not a block".utf8)) == .none)
        #expect(CompressionFormat.detect([UInt8]()) == .none)
        #expect(CompressionFormat.detect([0x1F]) == .none)
    }

    @Test func plainInputPassesThrough() throws {
        let text = try Fixture.bytes("sample.txt")
        #expect(try decompress(text) == text)
        #expect(try streamDecode(text, format: .none, chunkSize: 100) == text)
    }

    @Test func oneShotDetectsEachFormat() throws {
        let plain = try Fixture.bytes("sample.txt")
        #expect(try decompress(Fixture.bytes("sample.txt.bz2"), workers: 2) == plain)
        #expect(try decompress(Fixture.bytes("sample.txt.gz")) == plain)
    }

    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        var split = CRC32()
        split.update(Array("12345".utf8))
        split.update(Array("6789".utf8))
        #expect(split.value == 0xCBF4_3926)
    }

    @Test func errorDescriptionNamesFormatOffsetAndBlock() {
        let error = CompressionError(format: .bzip2, kind: .blockCRCMismatch, offset: 1234, blockIndex: 5, message: "m")
        #expect(error.description == "bzip2 blockCRCMismatch at compressed byte 1234 (block 5): m")
    }
}
