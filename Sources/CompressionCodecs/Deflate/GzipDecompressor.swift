/// Streaming gzip (RFC 1952) decoder: multi-member files, header flags, CRC32 and ISIZE checks.
///
/// ```swift
/// var decoder = GzipDecompressor()
/// try decoder.write(chunk) { bytes in consume(bytes) }
/// try decoder.finish { bytes in consume(bytes) }
/// ```
///
/// Memory is bounded by a 128 KiB output window (deflate needs 32 KiB of history) plus any input bytes that
/// end mid-symbol.
public struct GzipDecompressor: StreamDecompressor {
    private let core = GzipStreamDecoder()

    public init() {}

    public mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        try core.write(input, output: output)
    }

    public mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try core.finish(output: output)
    }
}

/// The member-level state machine: header, deflate blocks (via `Inflater`), trailer, next member.
final class GzipStreamDecoder: PendingInputDecoder {
    enum Phase { case header, body, trailer }

    var pending = PendingInput()
    private var phase = Phase.header
    private var memberCount = 0
    private let inflater = Inflater()

    func process(
        _ data: UnsafeRawBufferPointer, startBit: Int, base: Int, final: Bool,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        var reader = LSBBitReader(data, bitOffset: startBit)
        defer { try? inflater.flush(output: output) }
        while true {
            let checkpoint = reader
            do {
                switch phase {
                case .header:
                    if reader.bitPosition >= data.count * 8 {
                        if final && memberCount == 0 {
                            throw error(.truncated, "input is empty", base + data.count)
                        }
                        return reader.bitPosition
                    }
                    try readHeader(&reader, base: base)
                    inflater.startMember()
                    memberCount += 1
                    phase = .body
                case .body:
                    do {
                        if try inflater.inflate(&reader, output: output) { phase = .trailer }
                    } catch let failure as InflateFailure {
                        throw error(
                            failure.kind, "member \(memberCount): " + failure.message,
                            base + failure.bitPosition / 8)
                    }
                case .trailer:
                    reader.alignToByte()
                    let crc = try readLittleEndian32(&reader)
                    let size = try readLittleEndian32(&reader)
                    try inflater.flush(output: output)
                    guard crc == inflater.crc.value else {
                        throw error(
                            .streamCRCMismatch,
                            "member \(memberCount) CRC32 is 0x\(String(inflater.crc.value, radix: 16)), trailer says 0x\(String(crc, radix: 16))",
                            base + checkpoint.bitPosition / 8)
                    }
                    guard size == UInt32(truncatingIfNeeded: inflater.totalOut) else {
                        throw error(
                            .lengthMismatch,
                            "member \(memberCount) decoded \(inflater.totalOut) bytes, ISIZE says \(size)",
                            base + checkpoint.bitPosition / 8 + 4)
                    }
                    phase = .header
                }
            } catch is InflateUnderflow {
                reader = checkpoint
                if phase == .body { reader = inflater.resumePoint ?? checkpoint }
                guard final else { return reader.bitPosition }
                throw error(.truncated, "input ends inside member \(max(memberCount, 1))'s \(phase)", base + data.count)
            }
        }
    }

    private func readLittleEndian32(_ reader: inout LSBBitReader) throws(InflateUnderflow) -> UInt32 {
        let low = try reader.read(16)
        return low | (try reader.read(16)) << 16
    }

    /// Parses an RFC 1952 member header, verifying FHCRC when present.
    private func readHeader(_ reader: inout LSBBitReader, base: Int) throws {
        let start = reader.bitPosition / 8
        var header: [UInt8] = []
        func byte() throws(InflateUnderflow) -> UInt8 {
            let value = try reader.readByte()
            header.append(value)
            return value
        }
        for expected: UInt8 in [0x1F, 0x8B] where try byte() != expected {
            let what =
                memberCount == 0
                ? "input does not start with 1f 8b" : "bytes after member \(memberCount) are not a gzip header"
            throw error(.badMagic, what, base + start)
        }
        let method = try byte()
        guard method == 8 else {
            throw error(.badHeader, "compression method is \(method), not 8 (deflate)", base + start + 2)
        }
        let flags = try byte()
        guard flags & 0xE0 == 0 else {
            throw error(.badHeader, "reserved flag bits set (0x\(String(flags, radix: 16)))", base + start + 3)
        }
        for _ in 0..<6 { _ = try byte() }  // MTIME, XFL, OS
        if flags & 0x04 != 0 {
            let length = Int(try byte()) | Int(try byte()) << 8
            for _ in 0..<length { _ = try byte() }
        }
        if flags & 0x08 != 0 { while try byte() != 0 {} }
        if flags & 0x10 != 0 { while try byte() != 0 {} }
        if flags & 0x02 != 0 {
            let expected = UInt32(try reader.readByte()) | UInt32(try reader.readByte()) << 8
            let actual = CRC32.checksum(header) & 0xFFFF
            guard expected == actual else {
                throw error(
                    .streamCRCMismatch,
                    "header CRC16 is 0x\(String(actual, radix: 16)), FHCRC says 0x\(String(expected, radix: 16))",
                    base + start + header.count)
            }
        }
    }

    private func error(_ kind: CompressionError.Kind, _ message: String, _ offset: Int) -> CompressionError {
        CompressionError(format: .gzip, kind: kind, offset: offset, message: message)
    }
}

/// A malformed deflate stream, with the bit position where it was detected.
struct InflateFailure: Error {
    var kind: CompressionError.Kind
    var message: String
    var bitPosition: Int
}

/// One-shot gzip helpers; see also `Gzip.compress`.
extension Gzip {
    /// Decompresses a complete gzip file (one or more members).
    ///
    /// ```swift
    /// let bytes = try Gzip.decompress(try Gzip.compress(original))
    /// ```
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        var decoder = GzipDecompressor()
        var result: [UInt8] = []
        try decoder.write(bytes) { result.append(contentsOf: $0) }
        try decoder.finish { result.append(contentsOf: $0) }
        return result
    }
}
