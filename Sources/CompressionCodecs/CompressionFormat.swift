/// A compression container format, recognised from the first bytes of a stream (never from a file extension).
///
/// ```swift
/// let format = CompressionFormat.detect(prefix)        // .bzip2 for "BZh9" + block magic
/// var decoder = format.makeDecompressor(workers: 2)
/// try decoder.write(chunk) { bytes in consume(bytes) }
/// try decoder.finish { bytes in consume(bytes) }
/// ```
public struct CompressionFormat: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Plain, uncompressed bytes.
    public static let none = CompressionFormat(rawValue: "none")
    /// RFC 1952 gzip (one or more members).
    public static let gzip = CompressionFormat(rawValue: "gzip")
    /// bzip2 (one or more concatenated streams, as written by bzip2, pbzip2 and lbzip2).
    public static let bzip2 = CompressionFormat(rawValue: "bzip2")

    public var description: String { rawValue }

    /// The number of leading bytes `detect` needs to tell every format apart.
    public static let detectionPrefixLength = 10

    /// Recognises a format from the first bytes of a stream.
    ///
    /// gzip is `1f 8b 08`; bzip2 is `BZh` + a block size digit `1`…`9` followed by the block magic
    /// `0x314159265359` or, for an empty stream, the end-of-stream magic `0x177245385090`.
    /// Anything else (including a prefix too short to decide) is `.none`.
    public static func detect(_ prefix: some Collection<UInt8>) -> CompressionFormat {
        let bytes = Array(prefix.prefix(detectionPrefixLength))
        if bytes.count >= 3, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08 { return .gzip }
        if bytes.count >= 10, bytes[0] == 0x42, bytes[1] == 0x5A, bytes[2] == 0x68,
            (0x31...0x39).contains(bytes[3])
        {
            var magic: UInt64 = 0
            for byte in bytes[4..<10] { magic = magic << 8 | UInt64(byte) }
            if magic == Bzip2Constants.blockMagic || magic == Bzip2Constants.endOfStreamMagic { return .bzip2 }
        }
        return .none
    }

    /// Creates a streaming decompressor for this format.
    ///
    /// - Parameter workers: threads used to decode bzip2 blocks concurrently (1 = sequential). Ignored for
    ///   other formats. Output is always emitted in order.
    public func makeDecompressor(workers: Int = 1) -> any StreamDecompressor {
        switch self {
        case .gzip: return GzipDecompressor()
        case .bzip2: return Bzip2Decompressor(workers: workers)
        default: return PassthroughDecompressor()
        }
    }
}
