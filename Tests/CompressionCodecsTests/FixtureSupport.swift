import CompressionCodecs
import Foundation

/// Loads the files in Fixtures/ (made by Fixtures/make_fixtures.py with the system bzip2/gzip and Python zlib).
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return [UInt8](try Data(contentsOf: url))
    }

    /// The deterministic CSV-like text of make_fixtures.py's `generated_text` (same 31-bit LCG and word list).
    static func generated(size: Int, seed: UInt32) -> [UInt8] {
        let words = [
            "2007", "ORD", "ATL", "DFW", "NA", "WN", "AA", "UA", "-5", "12", "1450", "0", "LAX", "SFO",
            "N712SW", "37",
        ].map { Array($0.utf8) }
        var state = seed
        var out: [UInt8] = []
        out.reserveCapacity(size + 64)
        while out.count < size {
            for field in 0..<8 {
                state = (state &* 1_103_515_245 &+ 12345) & 0x7FFF_FFFF
                if field > 0 { out.append(UInt8(ascii: ",")) }
                out += words[Int(state >> 16) % words.count]
            }
            out.append(UInt8(ascii: "\n"))
        }
        return Array(out[0..<size])
    }
}

/// Feeds `input` to a decompressor in chunks of `chunkSize` bytes and collects the output.
func streamDecode(_ input: [UInt8], format: CompressionFormat, workers: Int = 1, chunkSize: Int = .max) throws
    -> [UInt8]
{
    var decoder = format.makeDecompressor(workers: workers)
    var result: [UInt8] = []
    var start = 0
    while start < input.count {
        let end = start + min(chunkSize, input.count - start)
        try decoder.write(Array(input[start..<end])) { result.append(contentsOf: $0) }
        start = end
    }
    try decoder.finish { result.append(contentsOf: $0) }
    return result
}
