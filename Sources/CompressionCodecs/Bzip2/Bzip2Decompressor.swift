/// Streaming bzip2 decoder: concatenated streams, block and stream CRCs, optional parallel block decoding.
///
/// ```swift
/// var decoder = Bzip2Decompressor(workers: 2)
/// try decoder.write(compressedChunk) { csvBytes in parse(csvBytes) }
/// try decoder.finish { csvBytes in parse(csvBytes) }
/// ```
///
/// Memory stays bounded: a few megabytes of pending compressed input, per worker thread one block's working
/// arrays (8.1 MB), and per block slot (2 × workers + 1) one block's decoded bytes (about 1 MB).
public struct Bzip2Decompressor: StreamDecompressor {
    private let core: Bzip2StreamDecoder

    /// - Parameter workers: threads decoding blocks concurrently; 1 decodes sequentially on the caller's thread.
    public init(workers: Int = 1) {
        core = Bzip2StreamDecoder(workers: max(1, workers))
    }

    public mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        try core.write(input, output: output)
    }

    public mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try core.finish(output: output)
    }
}

/// One-shot bzip2 helpers.
public enum Bzip2 {
    /// Decompresses a complete bzip2 file (one or more streams).
    ///
    /// ```swift
    /// let csv = try Bzip2.decompress(bytes, workers: 2)
    /// ```
    public static func decompress(_ bytes: [UInt8], workers: Int = 1) throws -> [UInt8] {
        var decoder = Bzip2Decompressor(workers: workers)
        var result: [UInt8] = []
        try decoder.write(bytes) { result.append(contentsOf: $0) }
        try decoder.finish { result.append(contentsOf: $0) }
        return result
    }
}

/// The state machine behind `Bzip2Decompressor`: buffers undecoded input and walks stream headers, blocks and
/// end-of-stream markers, handing blocks to `Bzip2BlockPipeline` when more than one worker is configured.
final class Bzip2StreamDecoder: PendingInputDecoder {
    enum Phase { case streamHeader, blocks }

    /// Pending input starts being decoded once this much is buffered (a block's compressed size is far smaller
    /// in practice, and an underflow just raises the bar); at `finish` everything is decoded.
    static let minimumLookahead = 1 << 20

    let workers: Int
    var pending = PendingInput()
    private(set) var phase = Phase.streamHeader
    private var level = 9
    private var combinedCRC: UInt32 = 0
    private var blockIndex = 0
    private var streamCount = 0
    private var lookahead = 0
    /// Sequential: 1 MiB. Parallel: 4 MiB, so each pipeline run spans a dozen or more blocks and the workers rarely
    /// drain (a run must wait for its in-flight blocks before returning to the caller for more input).
    private var baseLookahead: Int { workers > 1 ? 4 * Self.minimumLookahead : Self.minimumLookahead }
    private let pipeline: Bzip2BlockPipeline?
    private let decoder = Bzip2BlockDecoder()
    private let workspace = Bzip2BlockWorkspace()

    init(workers: Int) {
        self.workers = workers
        pipeline = workers > 1 ? Bzip2BlockPipeline(workers: workers) : nil
        lookahead = baseLookahead
    }

    /// Decodes as much of `data` as possible from `fromBit`; returns the bit offset where it stopped.
    func process(
        _ data: UnsafeRawBufferPointer, startBit fromBit: Int, base: Int, final: Bool,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        var bit = fromBit
        while true {
            let remainingBytes = data.count - (bit + 7) / 8
            switch phase {
            case .streamHeader:
                let index = (bit + 7) >> 3
                if remainingBytes == 0 {
                    if final && streamCount == 0 {
                        throw error(.truncated, "input is empty", offset: base + index, block: nil)
                    }
                    return index * 8
                }
                if remainingBytes < 4 && !final { return index * 8 }
                try readStreamHeader(data, at: index, base: base)
                bit = (index + 4) * 8
                phase = .blocks
            case .blocks:
                if !final && data.count * 8 - bit < lookahead * 8 { return bit }
                if let pipeline {
                    let step = try pipeline.run(
                        data, fromBit: bit, base: base, final: final, stream: self, output: output)
                    guard let next = step else {
                        lookahead += Self.minimumLookahead
                        return bit
                    }
                    bit = next
                } else {
                    guard let next = try decodeOne(data, at: bit, base: base, final: final, output: output) else {
                        lookahead += Self.minimumLookahead
                        return bit
                    }
                    bit = next
                }
                lookahead = baseLookahead
            }
        }
    }

    /// After an end-of-stream marker inside a pipeline run: starts the next stream if its header is already
    /// buffered (returns true), or leaves it to the main loop (returns false).
    func beginNextStream(_ data: UnsafeRawBufferPointer, atByte index: Int, base: Int, final: Bool) throws -> Bool {
        guard data.count - index >= 4 || (final && data.count > index) else { return false }
        try readStreamHeader(data, at: index, base: base)
        phase = .blocks
        return true
    }

    private func readStreamHeader(_ data: UnsafeRawBufferPointer, at index: Int, base: Int) throws {
        let available = min(4, data.count - index)
        let header = Array(data[index..<(index + available)])
        let expected: [UInt8] = [0x42, 0x5A, 0x68]
        for position in 0..<min(3, available) where header[position] != expected[position] {
            let what =
                streamCount == 0
                ? "input does not start with \"BZh\""
                : "bytes after stream \(streamCount) are not a bzip2 stream header"
            throw error(.badMagic, what, offset: base + index + position, block: nil)
        }
        guard available == 4 else {
            throw error(.truncated, "input ends inside the stream header", offset: base + index + available, block: nil)
        }
        guard (0x31...0x39).contains(header[3]) else {
            throw error(
                .badHeader, "block size digit is 0x\(String(header[3], radix: 16)), not '1'…'9'",
                offset: base + index + 3, block: nil)
        }
        level = Int(header[3] - 0x30)
        combinedCRC = 0
        streamCount += 1
    }

    /// Decodes the block or end-of-stream marker at `bit` on this thread. Returns nil when more input is needed.
    func decodeOne(
        _ data: UnsafeRawBufferPointer, at bit: Int, base: Int, final: Bool,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int? {
        let result: Bzip2BlockResult
        do {
            result = try decoder.decode(data, bitOffset: bit, maxBlockSize: maxBlockSize, workspace: workspace)
        } catch .underflow {
            guard final else { return nil }
            throw error(
                .truncated, "input ends inside block \(blockIndex)", offset: base + data.count, block: blockIndex)
        } catch .corrupt(let kind, let message, let position) {
            throw error(kind, message, offset: base + position / 8, block: blockIndex)
        }
        return try commit(result, block: decoder.outputBuffer, base: base, startBit: bit, output: output)
    }

    var maxBlockSize: Int { level * 100_000 }

    /// Checks a decoded block or end-of-stream marker, emits the block's bytes, and returns the next bit offset.
    func commit(
        _ result: Bzip2BlockResult, block: UnsafeRawBufferPointer, base: Int, startBit: Int,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        if result.isEndOfStream {
            guard result.storedCRC == combinedCRC else {
                throw error(
                    .streamCRCMismatch,
                    "stream \(streamCount) combined CRC is 0x\(hex(combinedCRC)), trailer says 0x\(hex(result.storedCRC))",
                    offset: base + startBit / 8, block: nil)
            }
            phase = .streamHeader
            return (result.endBit + 7) & ~7
        }
        guard result.storedCRC == result.computedCRC else {
            throw error(
                .blockCRCMismatch,
                "block CRC is 0x\(hex(result.computedCRC)), header says 0x\(hex(result.storedCRC))",
                offset: base + startBit / 8, block: blockIndex)
        }
        combinedCRC = Bzip2CRC.combine(combinedCRC, block: result.computedCRC)
        blockIndex += 1
        if !block.isEmpty { try output(block) }
        return result.endBit
    }

    func error(_ kind: CompressionError.Kind, _ message: String, offset: Int, block: Int?) -> CompressionError {
        CompressionError(format: .bzip2, kind: kind, offset: offset, blockIndex: block, message: message)
    }

    private func hex(_ value: UInt32) -> String { String(value, radix: 16) }
}
