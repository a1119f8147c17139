/// The codec choice in ``ParquetWriterOptions`` (the footer's `CompressionCodec`).
public typealias ParquetCompression = ParquetFormat.CompressionCodec

extension ParquetCompression {
    /// The file extension Spark gives part files written with this codec
    /// (`.snappy.parquet`, `.gz.parquet`, `.zstd.parquet`…; `.parquet` when uncompressed).
    public var sparkFileExtension: String {
        switch self {
        case .uncompressed: ".parquet"
        case .gzip: ".gz.parquet"
        case .lz4Raw: ".lz4raw.parquet"
        default: ".\(description.lowercased()).parquet"
        }
    }
}

/// Compresses and decompresses one page payload at a time (pages are
/// compressed independently, with no framing).
///
/// Conform to add a codec, then pass it in ``ParquetWriterOptions/customCodecs``.
public protocol ParquetCodec: Sendable {
    /// The id written to `ColumnMetaData.codec`.
    var codec: ParquetCompression { get }
    /// Compresses a whole page payload.
    func compress(_ input: [UInt8]) throws(ParquetError) -> [UInt8]
    /// Decompresses a payload whose uncompressed size the page header states;
    /// must throw when the output would have any other size.
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(ParquetError) -> [UInt8]
}

/// Stores payloads as they are.
public struct UncompressedCodec: ParquetCodec {
    public init() {}
    public var codec: ParquetCompression { .uncompressed }
    public func compress(_ input: [UInt8]) -> [UInt8] { input }
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        guard input.count == uncompressedSize else {
            throw .codecFailure(
                codec: .uncompressed, reason: "page holds \(input.count) bytes, header says \(uncompressedSize)")
        }
        return Array(input)
    }
}

/// Resolves codec ids to implementations.
public enum ParquetCodecs {
    /// The codecs ``builtIn(_:)`` implements.
    public static let builtInCompressions: [ParquetCompression] = [.snappy, .uncompressed, .gzip]

    /// The built-in codecs: UNCOMPRESSED, SNAPPY and GZIP.
    public static func builtIn(_ codec: ParquetCompression) throws(ParquetError) -> any ParquetCodec {
        switch codec {
        case .uncompressed: return UncompressedCodec()
        case .snappy: return SnappyCodec()
        case .gzip: return GzipCodec()
        default: throw .codecUnavailable(codec: codec, reason: "this build supports UNCOMPRESSED, SNAPPY and GZIP")
        }
    }

    /// `custom` codecs first, then the built-in ones.
    static func resolve(_ codec: ParquetCompression, custom: [any ParquetCodec]) throws(ParquetError)
        -> any ParquetCodec
    {
        if let match = custom.first(where: { $0.codec == codec }) { return match }
        return try builtIn(codec)
    }
}
