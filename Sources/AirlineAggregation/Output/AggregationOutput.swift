import ParquetKit

/// Where the result goes.
///
/// ```swift
/// .parquet("out/2007.parquet")                                  // one file, SNAPPY, written atomically
/// .sparkDirectory("out/2007.parquet", options: .init(codec: .gzip))   // part-00000-<uuid>.c000.gz.parquet + _SUCCESS
/// .none                                                          // keep the table in memory only
/// ```
public struct AggregationOutput: Sendable {
    enum Kind: Sendable {
        case none
        case parquetFile(String)
        case sparkDirectory(String)
    }

    let kind: Kind
    public var options: ParquetOutputOptions

    /// No file: the result is only returned in the summary.
    public static let none = AggregationOutput(kind: .none, options: .init())

    /// One Parquet file at `path`, replaced atomically (temporary file in the same folder, fsync, rename).
    public static func parquet(_ path: String, options: ParquetOutputOptions = .init()) -> AggregationOutput {
        AggregationOutput(kind: .parquetFile(path), options: options)
    }

    /// Spark's layout: a directory with one `part-00000-<uuid>.c000.<codec>.parquet` and `_SUCCESS`, built in a
    /// temporary sibling directory and renamed into place (replacing an existing directory, like Spark's overwrite).
    public static func sparkDirectory(_ path: String, options: ParquetOutputOptions = .init()) -> AggregationOutput {
        AggregationOutput(kind: .sparkDirectory(path), options: options)
    }

    /// The destination path, if any.
    public var path: String? {
        switch kind {
        case .none: return nil
        case .parquetFile(let path), .sparkDirectory(let path): return path
        }
    }
}

/// Parquet writing options exposed by the kernel.
///
/// ```swift
/// .parquet("out.parquet", options: .init(codec: .gzip))
/// ParquetOutputOptions.codec(named: "snappy")    // .snappy; nil for a name Parquet does not define
/// ```
public struct ParquetOutputOptions: Sendable, Hashable {
    /// Page compression: ParquetKit's codec id. The writer has ``supportedCodecs`` built in; any other id fails the
    /// run with ``AggregationError/Kind/unsupportedCodec`` before the input is read.
    public typealias Codec = ParquetCompression

    /// The codecs the writer has built in (SNAPPY, UNCOMPRESSED, GZIP).
    public static let supportedCodecs: [Codec] = ParquetCodecs.builtInCompressions

    /// The codec named `name` in Parquet's spelling, compared case-insensitively (`snappy`, `gzip`, `uncompressed`,
    /// also `zstd`, which the writer does not support); nil for any other name.
    public static func codec(named name: String) -> Codec? { Codec(name: name) }

    public var codec: Codec

    public init(codec: Codec = .snappy) { self.codec = codec }

    /// Fails for a codec the writer does not have, naming the destination and the supported ones.
    func checkCodec(destination: String) throws {
        guard Self.supportedCodecs.contains(codec) else {
            throw AggregationError(
                .unsupportedCodec, file: destination,
                message: "the Parquet writer does not support the \(codec) codec (supported: "
                    + Self.supportedCodecs.map(\.description).joined(separator: ", ") + ")")
        }
    }
}
