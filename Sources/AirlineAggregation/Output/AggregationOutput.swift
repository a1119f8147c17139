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
public struct ParquetOutputOptions: Sendable, Hashable {
    /// Page compression.
    public struct Codec: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
        public var description: String { rawValue }

        public static let snappy = Codec(rawValue: "snappy")
        public static let uncompressed = Codec(rawValue: "uncompressed")
        public static let gzip = Codec(rawValue: "gzip")

        /// The codecs the writer supports.
        public static let supported: [Codec] = [.snappy, .uncompressed, .gzip]

        /// The part of Spark's file name that names the codec (`snappy`, `gz`, none for uncompressed).
        var sparkSuffix: String? {
            switch self {
            case .snappy: return "snappy"
            case .gzip: return "gz"
            default: return nil
            }
        }
    }

    public var codec: Codec

    public init(codec: Codec = .snappy) { self.codec = codec }
}
