// Parquet enums are Thrift i32 values. They are modelled as extensible structs so a
// file carrying a value this library does not know still decodes (and is reported
// by number) instead of failing to parse.

/// An i32 enum of parquet.thrift, printed with its spec name.
public protocol ParquetFormatEnum: RawRepresentable, Hashable, Sendable, CustomStringConvertible
where RawValue == Int32 {
    /// Spec names indexed by raw value.
    static var names: [String] { get }
}

extension ParquetFormatEnum {
    /// The spec name (`SNAPPY`, `RLE_DICTIONARY`…), or `TypeName(value)` for values this library does not know.
    public var description: String {
        Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "\(Self.self)(\(rawValue))"
    }

    /// The value whose spec name is `name`, compared case-insensitively (`gzip` is ``ParquetFormat/CompressionCodec/gzip``);
    /// nil for a name the spec does not define.
    public init?(name: String) {
        let upper = name.uppercased()
        guard let index = Self.names.firstIndex(of: upper) else { return nil }
        self.init(rawValue: Int32(index))
    }
}

extension ParquetFormat {
    /// `Type`: the physical storage type of a column.
    public struct PhysicalType: ParquetFormatEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let boolean = Self(rawValue: 0)
        public static let int32 = Self(rawValue: 1)
        public static let int64 = Self(rawValue: 2)
        public static let int96 = Self(rawValue: 3)
        public static let float = Self(rawValue: 4)
        public static let double = Self(rawValue: 5)
        public static let byteArray = Self(rawValue: 6)
        public static let fixedLenByteArray = Self(rawValue: 7)
        public static let names = [
            "BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY",
        ]
    }

    /// `FieldRepetitionType`.
    public struct Repetition: ParquetFormatEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let required = Self(rawValue: 0)
        public static let optional = Self(rawValue: 1)
        public static let repeated = Self(rawValue: 2)
        public static let names = ["REQUIRED", "OPTIONAL", "REPEATED"]
    }

    /// `Encoding` of page values and levels.
    public struct Encoding: ParquetFormatEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let plain = Self(rawValue: 0)
        /// Deprecated spelling of dictionary encoding, still written by parquet-java v1 and DuckDB.
        public static let plainDictionary = Self(rawValue: 2)
        public static let rle = Self(rawValue: 3)
        public static let bitPacked = Self(rawValue: 4)
        public static let deltaBinaryPacked = Self(rawValue: 5)
        public static let deltaLengthByteArray = Self(rawValue: 6)
        public static let deltaByteArray = Self(rawValue: 7)
        public static let rleDictionary = Self(rawValue: 8)
        public static let byteStreamSplit = Self(rawValue: 9)
        public static let names = [
            "PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED", "DELTA_BINARY_PACKED",
            "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT",
        ]
        /// Whether data pages with this encoding hold dictionary indices.
        public var isDictionary: Bool { self == .plainDictionary || self == .rleDictionary }
    }

    /// `CompressionCodec` of page payloads.
    public struct CompressionCodec: ParquetFormatEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let uncompressed = Self(rawValue: 0)
        public static let snappy = Self(rawValue: 1)
        public static let gzip = Self(rawValue: 2)
        public static let lzo = Self(rawValue: 3)
        public static let brotli = Self(rawValue: 4)
        public static let lz4 = Self(rawValue: 5)
        public static let zstd = Self(rawValue: 6)
        public static let lz4Raw = Self(rawValue: 7)
        /// The name readers print (`SNAPPY`, `GZIP`, …).
        public static let names = ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"]
    }

    /// `PageType`.
    public struct PageType: ParquetFormatEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let dataPage = Self(rawValue: 0)
        public static let indexPage = Self(rawValue: 1)
        public static let dictionaryPage = Self(rawValue: 2)
        public static let dataPageV2 = Self(rawValue: 3)
        public static let names = ["DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"]
    }

    /// `ConvertedType` (the legacy logical annotation); only the values this library uses.
    public struct ConvertedType: ParquetFormatEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let utf8 = Self(rawValue: 0)
        public static let int32 = Self(rawValue: 17)
        public static let int64 = Self(rawValue: 18)
        public static let names = [
            "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
            "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
            "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
        ]
    }
}
