import CompressionCodecs

/// The text a `.bz2` range task parses: the header record (from the file's first block), then the records of the
/// blocks that start in the range.
///
/// The range `[S, E)` owns the blocks whose magic starts at a bit in `[8S, 8E)`. Records are cut by the same rule
/// as plain CSV, with block starts in place of byte offsets: the owned text starts just past the first LF in the
/// text that begins with its first block (or after the header, for the file's first block) and ends just past the
/// first LF in the text that begins with the first block at or after `8E`. So a record that straddles blocks or
/// ranges is parsed exactly once, and a task decodes its own blocks plus as many following blocks as the
/// straddling record needs (usually one).
///
/// Blocks are decoded on the reading task, one at a time (a range task is one unit of parallelism; run several
/// per node for more). Block CRCs are verified; the stream CRC is not (no task sees a whole stream).
struct Bzip2RangeReader: ByteReader {
    let input: RangedInput
    let range: Range<Int>
    let quote: UInt8
    let ownership: RangeOwnership

    private var opened = false
    private var forward: ForwardRangeReader?
    private var decoder: Bzip2BlockReader?
    private var text: Bzip2RangeText
    private var outputStart = 0
    private var header: [UInt8] = []
    private var headerStart = 0

    init(input: RangedInput, range: Range<Int>, quote: UInt8, ownership: RangeOwnership) {
        self.input = input
        self.range = range
        self.quote = quote
        self.ownership = ownership
        text = Bzip2RangeText(rangeStart: range.lowerBound, endBit: range.upperBound * 8, headerLength: 0, quote: quote)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        if !opened { try await open() }
        if headerStart < header.count { return drain(&header, &headerStart, into: buffer) }
        while outputStart >= text.output.count {
            guard !text.finished, var reader = forward, var blocks = decoder else { return 0 }
            text.output.removeAll(keepingCapacity: true)
            outputStart = 0
            // The range in large pieces; past it, small ones: usually only one more block is needed.
            let wanted =
                reader.position < range.upperBound ? Swift.min(1 << 20, range.upperBound - reader.position) : 128 << 10
            let piece = try await reader.read(upTo: wanted)
            forward = reader
            var splitter = text
            do {
                if piece.isEmpty {
                    try blocks.finish { try splitter.accept($0) }
                    splitter.endOfInput(bitSize: input.size * 8)
                } else {
                    try piece.withUnsafeBytes { bytes in try blocks.write(bytes) { try splitter.accept($0) } }
                }
            } catch let error as CompressionError {
                throw AggregationError(
                    .corruptCompressedInput, file: input.name, byteOffset: error.offset, message: "\(error)")
            }
            text = splitter
            decoder = blocks
            if text.finished, let start = text.ownedStart, let end = text.ownedEnd {
                ownership.began(at: start, headerLength: header.count, bodyOffset: nil)
                ownership.ended(at: end)
            }
        }
        return drain(&text.output, &outputStart, into: buffer)
    }

    /// Decodes the file's first block for the header, then positions the decoder for the range.
    private mutating func open() async throws {
        opened = true
        var head = ForwardRangeReader(input, from: 0, plannedEnd: 128 << 10)
        var first = Bzip2BlockReader(firstByte: 0)
        var firstBlock: [UInt8]?
        do {
            while firstBlock == nil && !first.isStopped {
                let piece = try await head.read(upTo: 128 << 10)
                let collect: (Bzip2DecodedBlock) -> Bool = { block in
                    firstBlock = Array(block.bytes)
                    return false
                }
                if piece.isEmpty { try first.finish(block: collect) } else { try first.write(piece, block: collect) }
            }
        } catch let error as CompressionError {
            throw AggregationError(
                .corruptCompressedInput, file: input.name, byteOffset: error.offset, message: "\(error)")
        }
        let block = firstBlock ?? []
        let bom = block.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = block.withUnsafeBufferPointer { buffer in
            buffer.isEmpty
                ? nil : RecordBoundaries.firstRecordEnd(buffer.baseAddress!, from: bom, to: buffer.count, quote: quote)
        }
        header = Array(block[0..<(end ?? block.count)])
        text = Bzip2RangeText(
            rangeStart: range.lowerBound, endBit: range.upperBound * 8, headerLength: header.count, quote: quote)
        forward = ForwardRangeReader(input, from: range.lowerBound, plannedEnd: range.upperBound)
        decoder = Bzip2BlockReader(firstByte: range.lowerBound)
    }

    private func drain(_ source: inout [UInt8], _ start: inout Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = Swift.min(buffer.count, source.count - start)
        guard count > 0, let destination = buffer.baseAddress else { return 0 }
        source.withUnsafeBytes { bytes in destination.copyMemory(from: bytes.baseAddress! + start, byteCount: count) }
        start += count
        return count
    }
}

/// The ownership rule of ``Bzip2RangeReader`` over decoded blocks, as a state machine.
struct Bzip2RangeText {
    enum State {
        /// Before the first LF of the first block's text (a range that does not start the file).
        case skipping
        case owned
        /// Past the range's last block, up to and including the first LF.
        case tail
        case done
    }

    let rangeStart: Int
    let endBit: Int
    let headerLength: Int
    let quote: UInt8
    private(set) var state: State
    /// Owned text not yet handed out.
    var output: [UInt8] = []
    private var quotes = 0
    private(set) var ownedStart: Int?
    private(set) var ownedEnd: Int?

    init(rangeStart: Int, endBit: Int, headerLength: Int, quote: UInt8) {
        self.rangeStart = rangeStart
        self.endBit = endBit
        self.headerLength = headerLength
        self.quote = quote
        state = .skipping
        if rangeStart == 0 { ownedStart = 0 }
    }

    var finished: Bool { state == .done }

    /// Takes one decoded block; returns false when no further block is needed.
    mutating func accept(_ block: Bzip2DecodedBlock) throws -> Bool {
        if ownedStart == nil { ownedStart = block.startBit }
        if block.startBit >= endBit && (state == .skipping || state == .owned) {
            ownedEnd = block.startBit
            // Still skipping: the LF that would start the records is also the one that ends them. The file's first
            // block ends them at the header's end, already reached.
            if state == .skipping || block.isFirstInFile {
                state = .done
                return false
            }
            state = .tail
        }
        var bytes = block.bytes[...]
        if state == .skipping {
            if block.isFirstInFile {
                guard headerLength <= bytes.count else {
                    throw AggregationError(
                        .invalidQuery,
                        message: "the header record is longer than the first bzip2 block; this input cannot be split")
                }
                bytes = bytes[(bytes.startIndex + headerLength)...]
            } else if let newline = bytes.firstIndex(of: 0x0A) {
                bytes = bytes[(newline + 1)...]
            } else {
                return true
            }
            state = .owned
        }
        if state == .owned {
            output.append(contentsOf: bytes)
            quotes += Self.count(quote, in: bytes)
            return true
        }
        guard let newline = bytes.firstIndex(of: 0x0A) else {
            output.append(contentsOf: bytes)
            quotes += Self.count(quote, in: bytes)
            return true
        }
        quotes += Self.count(quote, in: bytes[..<newline])
        output.append(contentsOf: bytes[...newline])
        state = .done
        if quotes % 2 == 1 {
            throw AggregationError(
                .quotedNewlineAtSplit,
                message: "the first line break in the block at bit \(ownedEnd ?? 0) (the first block after this range) "
                    + "is inside a quoted field, so the next range would start mid-record; run this input whole "
                    + "(without --range) or split it elsewhere")
        }
        return false
    }

    /// The input ended: whatever was owned or in the tail is complete.
    mutating func endOfInput(bitSize: Int) {
        if ownedStart == nil { ownedStart = bitSize }
        if ownedEnd == nil { ownedEnd = bitSize }
        state = .done
    }

    private static func count(_ quote: UInt8, in bytes: Slice<UnsafeRawBufferPointer>) -> Int {
        var count = 0
        for byte in bytes where byte == quote { count += 1 }
        return count
    }
}
