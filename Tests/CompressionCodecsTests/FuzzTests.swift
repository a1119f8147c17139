import CompressionCodecs
import TestSupport
import Testing

/// Property-based robustness: random and mutated inputs (seeded, bounded count and size) must end in success or
/// a `CompressionError` — never a crash, a hang or an unbounded output.
@Suite("fuzzing: random and mutated inputs")
struct FuzzTests {
    /// Decodes and checks the only allowed outcomes; returns the output size when decoding succeeded.
    @discardableResult
    static func decodeSafely(_ input: [UInt8], format: CompressionFormat, workers: Int = 1, chunkSize: Int = .max)
        -> Int?
    {
        do {
            let output = try streamDecode(input, format: format, workers: workers, chunkSize: chunkSize)
            // bzip2 expands at most ~50× per block (RLE1 runs), deflate at most ~1032×; far below this bound.
            #expect(output.count <= max(input.count, 1) * 1100)
            return output.count
        } catch let error as CompressionError {
            #expect(error.format == format)
            #expect(error.offset >= 0 && error.offset <= input.count)
            return nil
        } catch {
            Issue.record("unexpected error type \(type(of: error)): \(error)")
            return nil
        }
    }

    /// Flips bits, overwrites, deletes and inserts bytes at random positions.
    static func mutate(_ input: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1: bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 2: bytes.remove(at: position)
            default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            }
        }
        return bytes
    }

    @Test("random bytes behind valid magic", arguments: [CompressionFormat.bzip2, .gzip])
    func randomInputs(format: CompressionFormat) {
        var random = SeededRandom(seed: 1)
        let magic: [UInt8] =
            format == .bzip2 ? Array("BZh9".utf8) + [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] : [0x1F, 0x8B, 8, 0]
        for round in 0..<300 {
            let size = Int.random(in: 0...2000, using: &random)
            let tail = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.decodeSafely((round % 3 == 0 ? [] : magic) + tail, format: format, workers: 1 + round % 2)
        }
    }

    @Test(
        "mutations of small valid files",
        arguments: [
            ("sample.txt.bz2", CompressionFormat.bzip2), ("runs.txt.bz2", .bzip2),
            ("sample.txt.gz", .gzip), ("all-header-fields.gz", .gzip), ("stored.gz", .gzip),
            ("fixed-huffman.gz", .gzip),
        ])
    func mutatedSmallFiles(name: String, format: CompressionFormat) throws {
        let valid = try Fixture.bytes(name)
        var random = SeededRandom(seed: UInt64(name.utf8.count))
        for round in 0..<250 {
            let input = Self.mutate(valid, using: &random)
            Self.decodeSafely(input, format: format, workers: 1 + round % 2, chunkSize: round % 5 == 0 ? 37 : .max)
        }
    }

    @Test(
        "mutations of multi-block and multi-member files",
        arguments: [
            ("generated-250k-level1.bz2", CompressionFormat.bzip2), ("pbzip2-style.bz2", .bzip2),
            ("multimember.gz", .gzip),
        ])
    func mutatedLargeFiles(name: String, format: CompressionFormat) throws {
        let valid = try Fixture.bytes(name)
        var random = SeededRandom(seed: 99)
        for round in 0..<12 {
            Self.decodeSafely(Self.mutate(valid, using: &random), format: format, workers: 1 + round % 2)
        }
    }

    @Test func corruptedDataNeverPassesSilently() throws {
        // A mutation inside the compressed payload must be caught by some check (Huffman, CRC, length).
        let valid = try Fixture.bytes("sample.txt.bz2")
        let plain = try Fixture.bytes("sample.txt")
        var random = SeededRandom(seed: 5)
        for _ in 0..<200 {
            var input = valid
            let position = Int.random(in: 4..<valid.count, using: &random)
            input[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            if let output = try? Bzip2.decompress(input) {
                #expect(output == plain, "flip at byte \(position) produced different bytes without an error")
            }
        }
    }

    @Test("encoder round trips random data of random sizes")
    func encoderProperty() throws {
        var random = SeededRandom(seed: 77)
        for _ in 0..<40 {
            let size = Int.random(in: 0...20_000, using: &random)
            let alphabet = UInt8.random(in: 1...255, using: &random)
            let input = (0..<size).map { _ in UInt8.random(in: 0...alphabet, using: &random) }
            let level = Int.random(in: 0...9, using: &random)
            #expect(try Gzip.decompress(Gzip.compress(input, level: level)) == input)
        }
    }
}
