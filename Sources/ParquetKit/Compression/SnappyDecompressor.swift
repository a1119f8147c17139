/// A malformed Snappy block: names the input offset and the cause.
public struct SnappyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset in the compressed block.
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
    public var description: String { "invalid Snappy block at byte \(offset): \(reason)" }
}

/// Decompresses raw Snappy blocks, bounds checked: corrupt or hostile input throws
/// ``SnappyError`` and never allocates more than the stated (and capped) length.
public enum SnappyDecompressor {
    /// Decompresses one raw Snappy block.
    public static func decompress(_ input: [UInt8], maximumLength: Int = Int(Int32.max)) throws(SnappyError) -> [UInt8]
    {
        try input.withRawBytes { (raw) throws(SnappyError) in try decompress(raw, maximumLength: maximumLength) }
    }

    /// - Parameter maximumLength: the largest output accepted (a page's `uncompressed_page_size`).
    public static func decompress(_ input: UnsafeRawBufferPointer, maximumLength: Int = Int(Int32.max))
        throws(SnappyError) -> [UInt8]
    {
        var ip = 0
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard ip < input.count else { throw SnappyError(offset: ip, reason: "length preamble truncated") }
            guard shift <= 28 else { throw SnappyError(offset: ip, reason: "length preamble longer than 5 bytes") }
            let byte = input[ip]
            ip += 1
            length |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard length <= UInt64(max(0, maximumLength)) else {
            throw SnappyError(offset: 0, reason: "stated length \(length) exceeds the expected \(maximumLength)")
        }
        let total = Int(length)
        var failure: SnappyError?
        let output = [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            do throws(SnappyError) {
                initialized = try decodeElements(input, from: ip, into: out)
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    private static func decodeElements(
        _ input: UnsafeRawBufferPointer, from start: Int, into out: UnsafeMutableBufferPointer<UInt8>
    ) throws(SnappyError) -> Int {
        var ip = start
        var op = 0
        let total = out.count
        while ip < input.count {
            let tagOffset = ip
            let tag = input[ip]
            ip += 1
            switch tag & 3 {
            case 0:
                var n = Int(tag >> 2)
                if n >= 60 {
                    let extra = n - 59
                    guard input.count - ip >= extra else {
                        throw SnappyError(offset: tagOffset, reason: "literal length truncated")
                    }
                    n = 0
                    for k in 0..<extra { n |= Int(input[ip + k]) << (8 * k) }
                    ip += extra
                }
                let count = n + 1
                guard input.count - ip >= count else {
                    throw SnappyError(offset: tagOffset, reason: "literal of \(count) bytes runs past the input end")
                }
                guard total - op >= count else {
                    throw SnappyError(
                        offset: tagOffset, reason: "literal of \(count) bytes overflows the stated length \(total)")
                }
                for k in 0..<count { out[op + k] = input[ip + k] }
                ip += count
                op += count
            default:
                let length: Int
                let offset: Int
                switch tag & 3 {
                case 1:
                    guard ip < input.count else {
                        throw SnappyError(offset: tagOffset, reason: "copy offset truncated")
                    }
                    length = 4 + Int((tag >> 2) & 7)
                    offset = Int(tag >> 5) << 8 | Int(input[ip])
                    ip += 1
                case 2:
                    guard input.count - ip >= 2 else {
                        throw SnappyError(offset: tagOffset, reason: "copy offset truncated")
                    }
                    length = 1 + Int(tag >> 2)
                    offset = Int(input[ip]) | Int(input[ip + 1]) << 8
                    ip += 2
                default:
                    guard input.count - ip >= 4 else {
                        throw SnappyError(offset: tagOffset, reason: "copy offset truncated")
                    }
                    length = 1 + Int(tag >> 2)
                    offset =
                        Int(input[ip]) | Int(input[ip + 1]) << 8 | Int(input[ip + 2]) << 16 | Int(input[ip + 3]) << 24
                    ip += 4
                }
                guard offset > 0 && offset <= op else {
                    throw SnappyError(
                        offset: tagOffset, reason: "copy offset \(offset) outside the \(op) bytes produced so far")
                }
                guard total - op >= length else {
                    throw SnappyError(
                        offset: tagOffset, reason: "copy of \(length) bytes overflows the stated length \(total)")
                }
                // Byte by byte: overlapping copies (offset < length) repeat a pattern.
                for k in 0..<length { out[op + k] = out[op + k - offset] }
                op += length
            }
        }
        guard op == total else {
            throw SnappyError(offset: ip, reason: "block produced \(op) bytes, preamble says \(total)")
        }
        return op
    }
}
