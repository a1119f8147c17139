/// Decodes the blocks of a bzip2 file from any point on, reporting the bit offset where each block starts: what a
/// task needs to process only the blocks that start in its byte range of a larger `.bz2` file.
///
/// Started at the file's first byte, it reads the stream header and trusts every block that follows. Started in the
/// middle, it first synchronises: it scans for the 48-bit block magic (at any bit offset) and accepts the first
/// candidate that decodes completely with a matching block CRC; a false match inside compressed data fails one of
/// those checks and is skipped. From there it follows the chain (each block ends where the next begins) across
/// end-of-stream markers and the next stream's header (concatenated streams, as pbzip2 writes them). Block CRCs are
/// verified; the combined stream CRC is not (a task sees only part of a stream).
///
/// ```swift
/// var reader = Bzip2BlockReader(firstByte: 4_000_000)            // the bytes fed start at this file offset
/// try reader.write(chunk) { block in
///     print(block.startBit, block.bytes.count)
///     return block.startBit < 8 * 8_000_000                        // false: stop after this block
/// }
/// try reader.finish { _ in true }
/// ```
public struct Bzip2BlockReader {
    private let core: Bzip2BlockReaderCore

    /// - Parameter firstByte: the file offset of the first byte that will be written. At 0 the input must start
    ///   with a stream header; elsewhere the reader synchronises on the first genuine block at or after it.
    public init(firstByte: Int) {
        core = Bzip2BlockReaderCore(firstByte: firstByte)
    }

    /// Feeds the next compressed bytes; calls `block` for every block completed, in file order. Return false from
    /// `block` to stop: later input is then ignored.
    public mutating func write(_ input: UnsafeRawBufferPointer, block: (Bzip2DecodedBlock) throws -> Bool) throws {
        try core.feed(input, final: false, block: block)
    }

    /// Feeds a byte array; see ``write(_:block:)``.
    public mutating func write(_ input: [UInt8], block: (Bzip2DecodedBlock) throws -> Bool) throws {
        try input.withUnsafeBytes { try core.feed($0, final: false, block: block) }
    }

    /// Signals the end of the file: decodes what is left. Throws ``CompressionError`` when the input ends inside a
    /// block the chain had reached.
    public mutating func finish(block: (Bzip2DecodedBlock) throws -> Bool) throws {
        try core.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, block: block)
    }

    /// Whether `block` returned false (or the input ended): nothing more will be decoded.
    public var isStopped: Bool { core.stopped }
}

/// One decoded bzip2 block: where it starts in the file, and its bytes (valid only during the callback).
public struct Bzip2DecodedBlock {
    /// Bit offset of the block's magic from the start of the file.
    public var startBit: Int
    /// Whether this is the file's first block (right after the first stream header).
    public var isFirstInFile: Bool
    public var bytes: UnsafeRawBufferPointer
}

final class Bzip2BlockReaderCore {
    enum Phase {
        /// Expecting "BZh1"…"BZh9" at the byte the cursor is on.
        case streamHeader
        /// Looking for the first genuine block (a start in the middle of a file).
        case synchronising
        /// At a trusted block or end-of-stream position.
        case chained
        case stopped
    }

    private var pending = PendingInput()
    private(set) var phase: Phase
    private let firstByte: Int
    private var streams = 0
    private var level = 9
    private let decoder = Bzip2BlockDecoder()
    private let workspace = Bzip2BlockWorkspace()
    /// Decoding waits until this many bytes past the block start are buffered (or the input ends), so a block that
    /// arrives in small pieces is not decoded again and again from its start; raised after each underflow.
    private var lookahead = Bzip2BlockReaderCore.lookaheadStep
    /// A block is decoded once this much more input is buffered after an attempt ran out of input: small, so a
    /// task reads little past the block it needs (a level-9 block of CSV compresses to about 200 kB).
    static let lookaheadStep = 128 << 10

    var stopped: Bool { phase == .stopped }

    init(firstByte: Int) {
        self.firstByte = firstByte
        phase = firstByte == 0 ? .streamHeader : .synchronising
    }

    func feed(_ input: UnsafeRawBufferPointer, final: Bool, block: (Bzip2DecodedBlock) throws -> Bool) throws {
        guard phase != .stopped else { return }
        if input.isEmpty && !final { return }
        try pending.process(input) { data, startBit, base in
            try process(data, startBit: startBit, base: base, final: final, block: block)
        }
        if final { phase = .stopped }
    }

    /// Decodes from `startBit` of `data` (whose first byte is at `base` relative to ``firstByte``); returns the bit
    /// where it stopped.
    private func process(
        _ data: UnsafeRawBufferPointer, startBit: Int, base: Int, final: Bool,
        block: (Bzip2DecodedBlock) throws -> Bool
    ) throws -> Int {
        var bit = startBit
        while true {
            switch phase {
            case .stopped:
                return data.count * 8
            case .streamHeader:
                let index = (bit + 7) >> 3
                let remaining = data.count - index
                if remaining == 0 {
                    if final && streams == 0 && firstByte == 0 {
                        throw error(.truncated, "input is empty", at: base + index)
                    }
                    if final { phase = .stopped }
                    return index * 8
                }
                if remaining < 4 {
                    guard final else { return index * 8 }
                    throw error(.truncated, "input ends inside a stream header", at: base + data.count)
                }
                let header = UnsafeRawBufferPointer(rebasing: data[index..<(index + 4)])
                guard header[0] == 0x42, header[1] == 0x5A, header[2] == 0x68, (0x31...0x39).contains(header[3]) else {
                    throw error(
                        .badMagic, "bytes after stream \(streams) are not a bzip2 stream header", at: base + index)
                }
                level = Int(header[3] - 0x30)
                streams += 1
                bit = (index + 4) * 8
                phase = .chained
            case .synchronising:
                // Every byte fed is at or after the range's start, so every candidate qualifies.
                var found: [Int] = []
                let limit = final ? data.count : data.count - 6
                Bzip2BlockScanner.scan(data, fromBit: bit, limitByte: limit, maxCount: 1, into: &found)
                guard let candidate = found.first else {
                    if final {
                        phase = .stopped
                        return data.count * 8
                    }
                    // Keep the last bytes: a magic may straddle this buffer's end.
                    return max(bit, (data.count - 6) * 8)
                }
                if !final && data.count * 8 - candidate < lookahead * 8 { return candidate }
                switch decode(data, at: candidate) {
                case .success(let result) where !result.isEndOfStream && result.storedCRC == result.computedCRC:
                    phase = .chained
                    bit = candidate
                    continue
                case .failure(.underflow) where !final:
                    lookahead += Self.lookaheadStep
                    return candidate
                default:
                    // A false match (or a damaged block: the chain of the previous range reports it).
                    bit = candidate + 1
                }
            case .chained:
                if final && bit >= data.count * 8 {
                    phase = .stopped
                    return bit
                }
                if !final && data.count * 8 - bit < lookahead * 8 { return bit }
                switch decode(data, at: bit) {
                case .failure(.underflow):
                    guard final else {
                        lookahead += Self.lookaheadStep
                        return bit
                    }
                    throw error(
                        .truncated, "input ends inside the block at bit \(absoluteBit(bit, base))",
                        at: base + data.count)
                case .failure(.corrupt(let kind, let message, let position)):
                    throw error(kind, message, at: base + position / 8)
                case .success(let result):
                    if result.isEndOfStream {
                        bit = (result.endBit + 7) & ~7
                        phase = .streamHeader
                        continue
                    }
                    guard result.storedCRC == result.computedCRC else {
                        throw error(
                            .blockCRCMismatch,
                            "block CRC is 0x\(String(result.computedCRC, radix: 16)), header says 0x\(String(result.storedCRC, radix: 16))",
                            at: base + bit / 8)
                    }
                    lookahead = Self.lookaheadStep
                    let start = absoluteBit(bit, base)
                    let decoded = Bzip2DecodedBlock(
                        startBit: start, isFirstInFile: start == 32, bytes: decoder.outputBuffer)
                    bit = result.endBit
                    if try !block(decoded) {
                        phase = .stopped
                        return data.count * 8
                    }
                }
            }
        }
    }

    private func absoluteBit(_ bit: Int, _ base: Int) -> Int { (firstByte + base) * 8 + bit }

    private func decode(_ data: UnsafeRawBufferPointer, at bit: Int) -> Result<Bzip2BlockResult, Bzip2BlockFailure> {
        Result { () throws(Bzip2BlockFailure) -> Bzip2BlockResult in
            try decoder.decode(data, bitOffset: bit, maxBlockSize: level * 100_000, workspace: workspace)
        }
    }

    private func error(_ kind: CompressionError.Kind, _ message: String, at offset: Int) -> CompressionError {
        CompressionError(format: .bzip2, kind: kind, offset: firstByte + offset, message: message)
    }
}
