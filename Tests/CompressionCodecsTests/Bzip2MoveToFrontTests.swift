import TestSupport
import Testing

@testable import CompressionCodecs

@Suite("bzip2 move-to-front list")
struct Bzip2MoveToFrontTests {
    /// The word-shift paths (indices 1…7 and 8…15) and the memmove path (16…255) against a plain array.
    @Test("matches remove-and-insert for every index, over a long random sequence")
    func matchesReference() {
        var reference = (0..<256).map { UInt8(255 - $0) }
        var list = reference
        var random = SeededRandom(seed: 42)
        let indices =
            Array(1..<256)
            + (0..<20_000).map { _ in
                // Mostly small indices, as in real blocks, but every range often.
                Bool.random(using: &random)
                    ? Int.random(in: 1..<16, using: &random) : Int.random(in: 1..<256, using: &random)
            }
        list.withUnsafeMutableBufferPointer { buffer in
            for index in indices {
                let expected = reference.remove(at: index)
                reference.insert(expected, at: 0)
                let moved = Bzip2BlockDecoder.moveToFront(buffer.baseAddress!, index: index)
                #expect(moved == expected, "index \(index)")
            }
        }
        #expect(list == reference)
    }
}
