/// The bytes a plain-CSV range task parses: the input's header record, then the records the range owns, found
/// before the scan starts so the scan itself reads them like a small file (mapped, for a local file).
///
/// Ownership is decided by one rule both neighbours apply alike: the records of range `[S, E)` start at `B(S)` and
/// end at `B(E)`, where `B(0)` is the end of the header and otherwise `B(X)` is just past the first LF at or after
/// `max(X, headerEnd − 1)` (or the end of the input). Each record is therefore read by exactly one task, whichever
/// range its start falls in, and a task reads at most one record past its end.
///
/// `B` ignores quotes, so it is wrong when that LF sits inside a quoted field. The scan of the window knows: it
/// parses from a true boundary, so a window that ends inside a quoted field is one whose last LF is quoted, and
/// ``Aggregation/partial(of:range:_:options:)`` reports ``AggregationError/Kind/quotedNewlineAtSplit`` instead of
/// letting the neighbour start mid-record. By induction from the first range every accepted boundary is a true one.
struct CSVRangeWindow: Sendable {
    /// The header record as stored (with a byte-order mark, if any), handed to the parser first.
    var header: [UInt8]
    /// `B(S)`: the input offset of the first owned record.
    var ownedStart: Int
    /// Just past the LF that ends the last owned record (where the next range's records start), or the input's size.
    var ownedEnd: Int

    /// The owned bytes of the input.
    var owned: Range<Int> { ownedStart..<ownedEnd }

    /// Finds the header and `[B(S), B(E))` with three short reads: 64 KiB at the start of the input, 4 KiB at `S` and
    /// at `E` (more only for a longer header or record: further reads double from 64 KiB).
    static func locate(in input: RangedInput, range: Range<Int>, quote: UInt8) async throws -> CSVRangeWindow {
        var head = ForwardRangeReader(input, from: 0, plannedEnd: headerProbeSize)
        var header: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            let piece = try await head.read(upTo: Swift.max(headerProbeSize, header.count))
            if piece.isEmpty { break }
            header += piece
            let bom = header.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            headerEnd = header.withUnsafeBufferPointer {
                RecordBoundaries.firstRecordEnd($0.baseAddress!, from: bom, to: $0.count, quote: quote)
            }
        }
        header = Array(header[0..<(headerEnd ?? header.count)])
        let ownedStart =
            range.lowerBound == 0
            ? header.count : try await firstLineEnd(in: input, from: Swift.max(range.lowerBound, header.count - 1))
        guard ownedStart <= range.upperBound, ownedStart < input.size else {
            // The first LF at or after the start is also the first at or after the end: nothing is owned.
            return CSVRangeWindow(header: header, ownedStart: ownedStart, ownedEnd: ownedStart)
        }
        let ownedEnd = try await firstLineEnd(in: input, from: range.upperBound)
        return CSVRangeWindow(header: header, ownedStart: ownedStart, ownedEnd: ownedEnd)
    }

    /// Just past the first LF at or after `offset`, or the input's size when there is none.
    private static func firstLineEnd(in input: RangedInput, from offset: Int) async throws -> Int {
        var reader = ForwardRangeReader(input, from: offset, plannedEnd: offset + lineProbeSize)
        while true {
            let piece = try await reader.read(upTo: lineProbeSize)
            if piece.isEmpty { return input.size }
            if let newline = piece.firstIndex(of: 0x0A) { return reader.position - piece.count + newline + 1 }
        }
    }

    private static let headerProbeSize = 64 << 10
    /// Records are a few hundred bytes: the LF after an offset is almost always in the first 4 KiB.
    private static let lineProbeSize = 4 << 10

    /// The window as a byte stream for the scan: a local file's window is read (and mapped) from the file itself;
    /// any other input's owned bytes come in one ranged read.
    func source(for input: RangedInput) -> CSVSource {
        let window = self
        if let path = input.localPath {
            return CSVSource(
                name: input.name,
                makeReader: { try FileWindowReader.open(path: path, prefix: window.header, window: window.owned) },
                close: { ($0 as? FileWindowReader)?.close() })
        }
        return CSVSource(name: input.name) { PrefixedRangeReader(prefix: window.header, input: input, window.owned) }
    }
}

/// `prefix`, then `window` of a ``RangedInput`` (one planned request for the whole window).
struct PrefixedRangeReader: ByteReader {
    private let prefix: [UInt8]
    private var prefixStart = 0
    private var body: ForwardRangeReader
    private let end: Int

    init(prefix: [UInt8], input: RangedInput, _ window: Range<Int>) {
        self.prefix = prefix
        body = ForwardRangeReader(input, from: window.lowerBound, plannedEnd: window.upperBound)
        end = window.upperBound
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if prefixStart < prefix.count {
            let count = Swift.min(buffer.count, prefix.count - prefixStart)
            prefix.withUnsafeBytes {
                buffer.baseAddress!.copyMemory(from: $0.baseAddress! + prefixStart, byteCount: count)
            }
            prefixStart += count
            return count
        }
        let wanted = Swift.min(buffer.count, end - body.position)
        guard wanted > 0 else { return 0 }
        return try await body.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
    }
}
