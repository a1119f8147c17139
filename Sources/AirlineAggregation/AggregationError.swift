/// A typed failure of an aggregation run: what went wrong, and where (file, line, byte offset, column).
///
/// ```swift
/// do { _ = try await Aggregation.run(from: .file("2007.csv"), spec) }
/// catch let error as AggregationError where error.kind == .malformedRow { print(error.line ?? 0) }
/// ```
public struct AggregationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure (extensible string-backed value).
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input holds no bytes at all (not even a header).
        public static let emptyInput = Kind(rawValue: "emptyInput")
        /// A row has fewer or more fields than the header.
        public static let malformedRow = Kind(rawValue: "malformedRow")
        /// A field used by the query is not a number (or a key is outside the INT32 range).
        public static let invalidNumber = Kind(rawValue: "invalidNumber")
        /// A quoted field is still open at the end of the input.
        public static let unterminatedQuote = Kind(rawValue: "unterminatedQuote")
        /// The input's lines end with a lone CR (classic Mac OS), which the kernel does not read; LF and CRLF work.
        public static let unsupportedLineEndings = Kind(rawValue: "unsupportedLineEndings")
        /// A column named by the query is not in the header.
        public static let unknownColumn = Kind(rawValue: "unknownColumn")
        /// A single record is larger than the configured maximum.
        public static let recordTooLarge = Kind(rawValue: "recordTooLarge")
        /// The input could not be opened or read.
        public static let inputUnreadable = Kind(rawValue: "inputUnreadable")
        /// The compressed input is truncated or corrupt.
        public static let corruptCompressedInput = Kind(rawValue: "corruptCompressedInput")
        /// The output could not be written (missing or read-only directory, disk full…).
        public static let outputUnwritable = Kind(rawValue: "outputUnwritable")
        /// The output options name a Parquet codec the writer does not have (see
        /// ``ParquetOutputOptions/supportedCodecs``).
        public static let unsupportedCodec = Kind(rawValue: "unsupportedCodec")
        /// The query itself is invalid (duplicate output names, unsupported construct…).
        public static let invalidQuery = Kind(rawValue: "invalidQuery")
    }

    public var kind: Kind
    /// The input's name (a path, `<stdin>` or a caller-supplied label).
    public var file: String?
    /// 1-based physical line of the input where the problem was found.
    public var line: Int?
    /// 0-based byte offset in the (decompressed) input.
    public var byteOffset: Int?
    /// The column involved, if any.
    public var column: String?
    /// What is wrong, naming the offending value.
    public var message: String

    public init(
        _ kind: Kind, file: String? = nil, line: Int? = nil, byteOffset: Int? = nil, column: String? = nil,
        message: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.column = column
        self.message = message
    }

    public var description: String {
        var location: [String] = []
        if let file { location.append(file) }
        if let line { location.append("line \(line)") }
        if let byteOffset { location.append("byte \(byteOffset)") }
        if let column { location.append("column \(column)") }
        let prefix = location.isEmpty ? "" : location.joined(separator: ", ") + ": "
        return "\(prefix)\(kind): \(message)"
    }
}
