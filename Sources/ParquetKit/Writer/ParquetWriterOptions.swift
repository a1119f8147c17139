/// When a column chunk is dictionary encoded. The choice is made once per
/// chunk (all pages dictionary, or all PLAIN): readers such as fastparquet
/// mis-read chunks that switch midway.
public enum ParquetDictionaryPolicy: String, Sendable, Hashable, CaseIterable {
    /// Dictionary when it makes the chunk smaller and the dictionary page stays within
    /// ``ParquetWriterOptions/maximumDictionaryPageSize``.
    case automatic
    /// Dictionary whenever the chunk has a non-null value and the dictionary page fits.
    case always
    /// PLAIN only.
    case never
}

/// Options of ``ParquetFileWriter`` and ``ParquetWriter``.
///
/// ```swift
/// var options = ParquetWriterOptions()            // SNAPPY, automatic dictionary
/// options.codec = .gzip
/// options.keyValueMetadata = [.init(key: "query", value: sql)]
/// ```
public struct ParquetWriterOptions: Sendable {
    /// Page codec: `.snappy` (default), `.uncompressed` or `.gzip`.
    public var codec: ParquetCompression = .snappy
    /// Codec implementations that take precedence over the built-in ones.
    public var customCodecs: [any ParquetCodec] = []
    public var dictionary: ParquetDictionaryPolicy = .automatic
    /// Data-page encoding of dictionary chunks: `.rleDictionary` (PLAIN dictionary page, the
    /// modern form pyarrow writes) or `.plainDictionary` (the legacy spelling of parquet-java v1).
    public var dictionaryEncoding: ParquetFormat.Encoding = .rleDictionary
    /// Largest PLAIN dictionary page; bigger dictionaries fall back to PLAIN for the chunk.
    public var maximumDictionaryPageSize = 1 << 20
    /// Rows per row group; longer inputs are split.
    public var rowGroupRows = 1 << 20
    /// Target uncompressed bytes per data page (levels + values).
    public var pageSize = 1 << 20
    /// Most rows per data page (parquet-java and pyarrow use 20,000).
    public var maximumRowsPerPage = 20_000
    /// `FileMetaData.created_by`.
    public var createdBy: String = ParquetKitVersion.createdBy
    public var keyValueMetadata: [ParquetFormat.KeyValue] = []
    /// Write `null_count` and `min_value`/`max_value` per chunk (and `column_orders`).
    public var writeStatistics = true
    /// Also write the exact `distinct_count` per chunk (costs a hash set on PLAIN chunks).
    public var writeDistinctCount = false
    /// Threads that encode column chunks at once (each chunk on one thread, into a buffer of its own); the file is
    /// the same whatever the number. ``ParquetWriter/write(schema:columns:to:options:)`` then holds up to twice
    /// this many row groups' encoded bytes in memory (at most eight) instead of one.
    public var encodingThreads = 1

    public init() {}

    /// Convenience for the common choices.
    public init(codec: ParquetCompression, dictionary: ParquetDictionaryPolicy = .automatic) {
        self.codec = codec
        self.dictionary = dictionary
    }

    func validate() throws(ParquetError) {
        guard rowGroupRows > 0 else {
            throw .invalidOption(name: "rowGroupRows", reason: "must be positive, got \(rowGroupRows)")
        }
        guard pageSize > 0 else { throw .invalidOption(name: "pageSize", reason: "must be positive, got \(pageSize)") }
        guard encodingThreads > 0 else {
            throw .invalidOption(name: "encodingThreads", reason: "must be positive, got \(encodingThreads)")
        }
        guard maximumRowsPerPage > 0 else {
            throw .invalidOption(name: "maximumRowsPerPage", reason: "must be positive, got \(maximumRowsPerPage)")
        }
        guard maximumDictionaryPageSize >= 0, maximumDictionaryPageSize <= Int(Int32.max) else {
            throw .invalidOption(name: "maximumDictionaryPageSize", reason: "must be within 0...\(Int32.max)")
        }
        guard dictionaryEncoding.isDictionary else {
            throw .invalidOption(
                name: "dictionaryEncoding", reason: "\(dictionaryEncoding) is not a dictionary encoding")
        }
    }
}
