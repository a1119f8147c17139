import ParquetKit
import TestSupport
import Testing

struct GzipCodecTests {
    private func decompress(_ codec: GzipCodec, _ bytes: [UInt8], _ size: Int) throws -> [UInt8] {
        try bytes.withUnsafeBytes { raw throws in try codec.decompress(raw, uncompressedSize: size) }
    }

    @Test(arguments: [0, 1, 6, 9])
    func pagesRoundTripAsGzipMembers(level: Int) throws {
        let codec = GzipCodec(level: level)
        var rng = SeededRandom(seed: UInt64(level))
        let payload = (0..<50_000).map { $0 % 3 == 0 ? UInt8.random(in: 0...255, using: &rng) : UInt8($0 % 7) }
        let member = codec.compress(payload)
        #expect(Array(member.prefix(3)) == [0x1F, 0x8B, 0x08])  // RFC 1952 member, not zlib
        #expect(try decompress(codec, member, payload.count) == payload)
        #expect(try decompress(codec, codec.compress([]), 0) == [])
    }

    @Test func pageLargerThanItsHeaderIsRejected() {
        let codec = GzipCodec()
        let member = codec.compress([UInt8](repeating: 1, count: 10_000))
        #expect(throws: ParquetError.codecFailure(codec: .gzip, reason: "page inflates beyond its stated 100 bytes")) {
            _ = try decompress(codec, member, 100)
        }
        #expect(throws: ParquetError.self) { _ = try decompress(codec, member, 20_000) }
    }

    @Test func corruptMembersThrow() {
        let codec = GzipCodec()
        var member = codec.compress(Array("hello hello hello".utf8))
        member[member.count - 6] ^= 0xFF  // CRC32 trailer
        #expect(throws: ParquetError.self) { _ = try decompress(codec, member, 17) }
        #expect(throws: ParquetError.self) { _ = try decompress(codec, [0x1F, 0x8B], 0) }
    }

    @Test func levelIsChosenThroughCustomCodecs() throws {
        var options = ParquetWriterOptions(codec: .gzip)
        options.customCodecs = [GzipCodec(level: 1)]
        let bytes = try ParquetWriter.encode(
            schema: SampleTables.airlineSchema, columns: SampleTables.airline(), options: options)
        let reader = try ParquetReader(bytes: bytes)
        #expect(reader.metadata.rowGroups[0].columns.allSatisfy { $0.metaData?.codec == .gzip })
        #expect(try reader.readAllColumns() == SampleTables.airline())
    }
}
