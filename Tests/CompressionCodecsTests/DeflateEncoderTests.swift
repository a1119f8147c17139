import CompressionCodecs
import TestSupport
import Testing

@Suite("deflate/gzip encoder")
struct DeflateEncoderTests {
    static func inputs() -> [(String, [UInt8])] {
        var random = SeededRandom(seed: 42)
        let noise = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let sparse = (0..<100_000).map { _ in UInt8.random(in: 0...3, using: &random) }
        return [
            ("empty", []), ("one byte", [0x41]), ("two bytes", [1, 2]),
            ("text", Fixture.generated(size: 150_000, seed: 11)),
            ("zeros", [UInt8](repeating: 0, count: 200_000)),
            ("noise", noise), ("four symbols", sparse),
            ("long period", (0..<90_000).map { UInt8(truncatingIfNeeded: $0 % 40_000 / 3) }),
        ]
    }

    @Test("round trips through the decoder at every level", arguments: [0, 1, 4, 6, 9])
    func roundTrip(level: Int) throws {
        for (name, input) in Self.inputs() {
            let member = Gzip.compress(input, level: level)
            #expect(CompressionFormat.detect(member) == .gzip, "\(name)")
            #expect(try Gzip.decompress(member) == input, "\(name) at level \(level)")
            #expect(try streamDecode(member, format: .gzip, chunkSize: 517) == input, "\(name) chunked")
        }
    }

    @Test func compressesRedundantData() throws {
        let text = Fixture.generated(size: 150_000, seed: 11)
        let member = Gzip.compress(text, level: 6)
        // gzip -6 gets this text to about 22%; insist on better than 35%.
        #expect(member.count * 100 / text.count < 35)
        #expect(Gzip.compress([UInt8](repeating: 7, count: 100_000)).count < 400)
        // Incompressible data falls back to stored blocks: a few bytes of overhead per 64 KiB.
        var random = SeededRandom(seed: 9)
        let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(Gzip.compress(noise).count < noise.count + 64)
    }

    @Test func rawDeflateRoundTripsThroughAGzipWrapper() throws {
        let text = Fixture.generated(size: 10_000, seed: 3)
        let body = Deflate.compress(text, level: 9)
        var crc = CRC32()
        crc.update(text)
        var member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + body
        for value in [crc.value, UInt32(text.count)] {
            for shift in stride(from: 0, to: 32, by: 8) {
                member.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
            }
        }
        #expect(try Gzip.decompress(member) == text)
    }

    @Test func membersConcatenate() throws {
        let first = Fixture.generated(size: 5000, seed: 1)
        let second = Fixture.generated(size: 7000, seed: 2)
        #expect(try decompress(Gzip.compress(first) + Gzip.compress(second, level: 1)) == first + second)
    }
}
