/// A resumable RFC 1951 decoder writing into a sliding output window.
///
/// `inflate` decodes until the final block ends (returns true) or the input runs out: then it throws
/// `InflateUnderflow` after recording in `resumePoint` the last symbol boundary, so the caller can restore the
/// reader there and retry with more input. Output is handed out in chunks by `flush`, which also maintains the
/// member's CRC32 and length.
final class Inflater {
    enum State {
        case blockHeader
        case stored(remaining: Int)
        case codes, done
    }

    static let windowCapacity = 4 * DeflateTables.windowSize
    private let window = UnsafeMutablePointer<UInt8>.allocate(capacity: windowCapacity + DeflateTables.maxMatch)
    private var outCount = 0
    private var flushedCount = 0
    private var state = State.blockHeader
    private var lastBlock = false
    let literals = DeflateHuffmanDecoder()
    let distances = DeflateHuffmanDecoder()
    private let codeLengths = DeflateHuffmanDecoder()
    private var lengths = [UInt8](repeating: 0, count: 320)

    private(set) var crc = CRC32()
    private(set) var totalOut = 0
    private(set) var resumePoint: LSBBitReader?

    deinit { window.deallocate() }

    func startMember() {
        outCount = 0
        flushedCount = 0
        state = .blockHeader
        lastBlock = false
        crc = CRC32()
        totalOut = 0
    }

    /// Emits decoded bytes not yet handed out.
    func flush(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard outCount > flushedCount else { return }
        let chunk = UnsafeRawBufferPointer(start: window + flushedCount, count: outCount - flushedCount)
        crc.update(chunk)
        totalOut += chunk.count
        flushedCount = outCount
        try output(chunk)
    }

    var literalLookup: UnsafeMutablePointer<UInt16> { literals.lookup }
    var distanceLookup: UnsafeMutablePointer<UInt16> { distances.lookup }
    /// Bytes of history (and not yet flushed output) in the window.
    var windowFill: Int { outCount }

    @inline(__always)
    func setResumePoint(_ reader: LSBBitReader) { resumePoint = reader }

    @inline(__always)
    func appendLiteral(_ byte: UInt8) {
        window[outCount] = byte
        outCount &+= 1
    }

    /// Copies a match; overlapping copies (distance < length) repeat the pattern byte by byte.
    @inline(__always)
    func copyMatch(distance: Int, length: Int) {
        let destination = window + outCount
        let source = destination - distance
        if distance >= length {
            destination.update(from: source, count: length)
        } else {
            for index in 0..<length { destination[index] = source[index] }
        }
        outCount &+= length
    }

    func slideWindow(output: (UnsafeRawBufferPointer) throws -> Void) throws { try makeRoom(output: output) }

    /// Flushes, then keeps only the last 32 KiB of history so a whole match always fits.
    private func makeRoom(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try flush(output: output)
        let keep = DeflateTables.windowSize
        window.update(from: window + (outCount - keep), count: keep)
        outCount = keep
        flushedCount = keep
    }

    /// Decodes blocks; returns true after the final block.
    func inflate(_ reader: inout LSBBitReader, output: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        while true {
            resumePoint = reader
            switch state {
            case .done:
                return true
            case .blockHeader:
                if lastBlock {
                    state = .done
                    return true
                }
                try readBlockHeader(&reader)
            case .stored(let remaining):
                if remaining == 0 {
                    state = .blockHeader
                    continue
                }
                if outCount >= Self.windowCapacity { try makeRoom(output: output) }
                let copied = reader.copyBytes(
                    to: window + outCount, limit: min(remaining, Self.windowCapacity - outCount))
                outCount += copied
                state = .stored(remaining: remaining - copied)
                if copied == 0 { throw InflateUnderflow() }
            case .codes:
                try decodeSymbols(&reader, output: output)
                state = .blockHeader
            }
        }
    }

    private func readBlockHeader(_ reader: inout LSBBitReader) throws {
        let header = try reader.read(3)
        // Commit `lastBlock` only once the whole header is read: an underflow rewinds to the header's start.
        switch header >> 1 {
        case 0:
            reader.alignToByte()
            let length = try reader.read(16)
            let complement = try reader.read(16)
            guard length == ~complement & 0xFFFF else {
                throw InflateFailure(
                    kind: .corruptData, message: "stored block LEN \(length) does not match NLEN",
                    bitPosition: reader.bitPosition)
            }
            state = .stored(remaining: Int(length))
        case 1:
            DeflateTables.fixedLiteralLengths.withUnsafeBufferPointer { _ = literals.build($0) }
            DeflateTables.fixedDistanceLengths.withUnsafeBufferPointer { _ = distances.build($0) }
            state = .codes
        case 2:
            try readDynamicTables(&reader)
            state = .codes
        default:
            throw InflateFailure(kind: .badHeader, message: "block type 3 is reserved", bitPosition: reader.bitPosition)
        }
        lastBlock = header & 1 == 1
    }

    private func readDynamicTables(_ reader: inout LSBBitReader) throws {
        let literalCount = Int(try reader.read(5)) + 257
        let distanceCount = Int(try reader.read(5)) + 1
        let codeLengthCount = Int(try reader.read(4)) + 4
        guard literalCount <= 286 && distanceCount <= 30 else {
            throw InflateFailure(
                kind: .badHuffmanTable,
                message: "HLIT \(literalCount) or HDIST \(distanceCount) out of range",
                bitPosition: reader.bitPosition)
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[DeflateTables.codeLengthOrder[index]] = UInt8(try reader.read(3))
        }
        guard codeLengthLengths.withUnsafeBufferPointer({ codeLengths.build($0) }) else {
            throw badTable("code length code is over-subscribed", reader)
        }
        let total = literalCount + distanceCount
        var index = 0
        while index < total {
            let symbol = try decodeSlow(codeLengths, &reader)
            var repeatValue: UInt8 = 0
            var repeatCount: Int
            switch symbol {
            case 0..<16:
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            case 16:
                guard index > 0 else { throw badTable("repeat code 16 with no previous length", reader) }
                repeatValue = lengths[index - 1]
                repeatCount = 3 + Int(try reader.read(2))
            case 17:
                repeatCount = 3 + Int(try reader.read(3))
            default:
                repeatCount = 11 + Int(try reader.read(7))
            }
            guard index + repeatCount <= total else { throw badTable("code lengths overflow HLIT + HDIST", reader) }
            for _ in 0..<repeatCount {
                lengths[index] = repeatValue
                index += 1
            }
        }
        guard lengths[DeflateTables.endOfBlock] != 0 else { throw badTable("end-of-block symbol has no code", reader) }
        let built = lengths.withUnsafeBufferPointer { all in
            literals.build(UnsafeBufferPointer(rebasing: all[0..<literalCount]))
                && distances.build(UnsafeBufferPointer(rebasing: all[literalCount..<total]))
        }
        guard built else { throw badTable("literal/length or distance code is over-subscribed", reader) }
    }

    private func badTable(_ message: String, _ reader: LSBBitReader) -> InflateFailure {
        InflateFailure(kind: .badHuffmanTable, message: message, bitPosition: reader.bitPosition)
    }

    /// Decodes one symbol with full underflow checks (used outside the hot loop).
    private func decodeSlow(_ table: DeflateHuffmanDecoder, _ reader: inout LSBBitReader) throws -> Int {
        if reader.available < DeflateHuffmanDecoder.maxLength { reader.refill() }
        let entry = table.lookup[Int(reader.buffer & ((1 << UInt64(DeflateHuffmanDecoder.lookupBits)) - 1))]
        var symbol = Int(entry >> 4)
        var length = Int(entry & 15)
        if entry == 0 {
            guard let long = table.decodeLong(reader.buffer) else {
                if reader.available < DeflateHuffmanDecoder.maxLength { throw InflateUnderflow() }
                throw badTable("bits match no code", reader)
            }
            (symbol, length) = long
        }
        if length > reader.available { throw InflateUnderflow() }
        reader.buffer >>= UInt64(length)
        reader.available -= length
        return symbol
    }
}
