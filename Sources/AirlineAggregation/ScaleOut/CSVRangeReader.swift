/// The bytes a plain-CSV range task parses: the input's header record, then the records it owns.
///
/// Ownership is decided by one rule both neighbours apply alike: the records of range `[S, E)` start at `B(S)` and
/// end at `B(E)`, where `B(0)` is the end of the header and otherwise `B(X)` is just past the first LF at or after
/// `max(X, headerEnd − 1)` (or the end of the input). Each record is therefore read by exactly one task, whichever
/// range its start falls in, and a task reads at most one record past its end.
///
/// `B` ignores quotes, so it is wrong when that LF sits inside a quoted field. The task that ends at `B(E)` knows
/// the quote state there (it parsed from a true boundary): if the LF is quoted it fails with
/// ``AggregationError/Kind/quotedNewlineAtSplit`` instead of letting its neighbour start mid-record. By induction
/// from the first range every accepted boundary is a true one.
struct CSVRangeReader: ByteReader {
    let input: RangedInput
    let range: Range<Int>
    let quote: UInt8
    let ownership: RangeOwnership

    private enum Phase {
        case unopened
        /// Owned bytes before `range.upperBound`.
        case owned
        /// Past the range's end, up to and including the first LF.
        case tail
        case finished
    }

    private var phase = Phase.unopened
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var forward: ForwardRangeReader?
    /// Quote bytes among the owned bytes so far (odd: inside a quoted field).
    private var quotes = 0
    private var headerEnd = 0
    private let pieceSize = 1 << 20

    init(input: RangedInput, range: Range<Int>, quote: UInt8, ownership: RangeOwnership) {
        self.input = input
        self.range = range
        self.quote = quote
        self.ownership = ownership
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        if phase == .unopened { try await open() }
        while pendingStart >= pending.count {
            guard phase != .finished, var reader = forward else { return 0 }
            // Up to the range's end in large pieces, then small ones: only one record is needed past it.
            let wanted =
                phase == .owned ? Swift.min(pieceSize, Swift.max(1, range.upperBound - reader.position)) : 64 << 10
            let piece = try await reader.read(upTo: wanted)
            let offset = reader.position - piece.count
            forward = reader
            if piece.isEmpty {
                // End of input inside the range or its last record: the rest is owned.
                ownership.ended(at: input.size)
                phase = .finished
                return 0
            }
            try accept(piece, at: offset)
        }
        let count = Swift.min(buffer.count, pending.count - pendingStart)
        pending.withUnsafeBytes { bytes in
            buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + pendingStart, byteCount: count)
        }
        pendingStart += count
        return count
    }

    /// Reads the header, finds where the owned records start, and queues the header for the parser.
    private mutating func open() async throws {
        var head = ForwardRangeReader(input, from: 0, plannedEnd: 64 << 10)
        var header: [UInt8] = []
        var end: Int?
        while end == nil {
            let piece = try await head.read(upTo: Swift.max(64 << 10, header.count))
            if piece.isEmpty { break }
            header += piece
            let bom = header.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            end = header.withUnsafeBufferPointer {
                RecordBoundaries.firstRecordEnd($0.baseAddress!, from: bom, to: $0.count, quote: quote)
            }
        }
        headerEnd = end ?? header.count
        let headerBytes = Array(header[0..<headerEnd])
        var bodyStart = headerEnd
        var carried: [UInt8] = []
        if range.lowerBound > 0 {
            // B(S): just past the first LF at or after max(S, headerEnd - 1).
            var search = ForwardRangeReader(
                input, from: Swift.max(range.lowerBound, headerEnd - 1), plannedEnd: range.upperBound)
            bodyStart = input.size
            while true {
                let piece = try await search.read(upTo: 64 << 10)
                if piece.isEmpty { break }
                if let newline = piece.firstIndex(of: 0x0A) {
                    bodyStart = search.position - piece.count + newline + 1
                    carried = Array(piece[(newline + 1)...])
                    forward = search
                    break
                }
            }
        }
        ownership.began(at: bodyStart, headerLength: headerBytes.count, bodyOffset: bodyStart)
        pending = headerBytes
        pendingStart = 0
        if bodyStart > range.upperBound || bodyStart >= input.size {
            // The first LF at or after the start is also the first at or after the end: nothing is owned.
            ownership.ended(at: bodyStart)
            phase = .finished
            return
        }
        phase = bodyStart == range.upperBound ? .tail : .owned
        if forward == nil { forward = ForwardRangeReader(input, from: bodyStart, plannedEnd: range.upperBound) }
        if !carried.isEmpty { try accept(carried, at: bodyStart) }
    }

    /// Queues the owned part of `piece` (which starts at input offset `offset`), tracking quotes, and moves to the
    /// tail or the end as the range's end and the first LF after it go by.
    /// - Throws: `quotedNewlineAtSplit` when that LF is inside a quoted field (the next range would start there).
    private mutating func accept(_ piece: [UInt8], at offset: Int) throws {
        if pendingStart >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
        var start = 0
        if phase == .owned {
            let ownedCount = Swift.min(piece.count, Swift.max(0, range.upperBound - offset))
            pending.append(contentsOf: piece[0..<ownedCount])
            quotes += countQuotes(piece[0..<ownedCount])
            start = ownedCount
            if offset + ownedCount >= range.upperBound { phase = .tail }
        }
        guard phase == .tail, start < piece.count else { return }
        let rest = piece[start...]
        if let newline = rest.firstIndex(of: 0x0A) {
            pending.append(contentsOf: piece[start...newline])
            quotes += countQuotes(piece[start..<newline])
            ownership.ended(at: offset + newline + 1)
            phase = .finished
            if quotes % 2 == 1 {
                throw AggregationError(
                    .quotedNewlineAtSplit, file: input.name, byteOffset: offset + newline,
                    message: "the first line break at or after byte \(range.upperBound) (the end of range "
                        + "\(range.lowerBound)-\(range.upperBound)) is inside a quoted field, so the next range would "
                        + "start mid-record; run this input whole (without --range) or split it elsewhere")
            }
        } else {
            pending.append(contentsOf: rest)
            quotes += countQuotes(rest)
        }
    }

    private func countQuotes(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                BlockClassifier.contains(quote, in: UnsafeRawPointer(base), count: buffer.count)
            else { return 0 }
            var count = 0
            for byte in buffer where byte == quote { count += 1 }
            return count
        }
    }
}
