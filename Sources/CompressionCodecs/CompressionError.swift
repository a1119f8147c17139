/// A typed decompression failure: which format, what went wrong, and where in the compressed input.
public struct CompressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure (extensible).
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The stream does not start with (or continue with) the expected magic bytes.
        public static let badMagic = Kind(rawValue: "badMagic")
        /// A header field holds a value the format forbids.
        public static let badHeader = Kind(rawValue: "badHeader")
        /// A Huffman code table is malformed (lengths out of range or over-subscribed).
        public static let badHuffmanTable = Kind(rawValue: "badHuffmanTable")
        /// The compressed data is inconsistent (invalid code, out-of-range distance or pointer, overlong block).
        public static let corruptData = Kind(rawValue: "corruptData")
        /// A bzip2 block CRC does not match its decoded bytes.
        public static let blockCRCMismatch = Kind(rawValue: "blockCRCMismatch")
        /// A whole-stream checksum (bzip2 combined CRC, gzip CRC32) does not match.
        public static let streamCRCMismatch = Kind(rawValue: "streamCRCMismatch")
        /// The gzip ISIZE trailer does not match the decoded length.
        public static let lengthMismatch = Kind(rawValue: "lengthMismatch")
        /// Input ended before the stream was complete.
        public static let truncated = Kind(rawValue: "truncated")
    }

    public var format: CompressionFormat
    public var kind: Kind
    /// Byte offset in the compressed input (counted from the first byte written) where the problem was found.
    public var offset: Int
    /// The 0-based bzip2 block index (counted across concatenated streams), when the error concerns a block.
    public var blockIndex: Int?
    /// A human-readable cause naming the field and value.
    public var message: String

    public init(format: CompressionFormat, kind: Kind, offset: Int, blockIndex: Int? = nil, message: String) {
        self.format = format
        self.kind = kind
        self.offset = offset
        self.blockIndex = blockIndex
        self.message = message
    }

    public var description: String {
        var text = "\(format) \(kind) at compressed byte \(offset)"
        if let blockIndex { text += " (block \(blockIndex))" }
        return text + ": " + message
    }
}
