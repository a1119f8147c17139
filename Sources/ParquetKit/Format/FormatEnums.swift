// Parquet enums are Thrift i32 values. They are modelled as extensible structs so a
// file carrying a value this library does not know still decodes (and is reported
// by number) instead of failing to parse.

extension ParquetFormat {
    /// `Type`: the physical storage type of a column.
    public struct PhysicalType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
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
        public var description: String {
            let names = ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"]
            return names.indices.contains(Int(rawValue)) ? names[Int(rawValue)] : "Type(\(rawValue))"
        }
    }

    /// `FieldRepetitionType`.
    public struct Repetition: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let required = Self(rawValue: 0)
        public static let optional = Self(rawValue: 1)
        public static let repeated = Self(rawValue: 2)
        public var description: String {
            let names = ["REQUIRED", "OPTIONAL", "REPEATED"]
            return names.indices.contains(Int(rawValue)) ? names[Int(rawValue)] : "Repetition(\(rawValue))"
        }
    }

    /// `Encoding` of page values and levels.
    public struct Encoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
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
        public var description: String {
            let names = [
                "PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED", "DELTA_BINARY_PACKED",
                "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT",
            ]
            return names.indices.contains(Int(rawValue)) ? names[Int(rawValue)] : "Encoding(\(rawValue))"
        }
        /// Whether data pages with this encoding hold dictionary indices.
        public var isDictionary: Bool { self == .plainDictionary || self == .rleDictionary }
    }

    /// `CompressionCodec` of page payloads.
    public struct CompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
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
        public var description: String {
            let names = ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"]
            return names.indices.contains(Int(rawValue)) ? names[Int(rawValue)] : "CompressionCodec(\(rawValue))"
        }
    }

    /// `PageType`.
    public struct PageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let dataPage = Self(rawValue: 0)
        public static let indexPage = Self(rawValue: 1)
        public static let dictionaryPage = Self(rawValue: 2)
        public static let dataPageV2 = Self(rawValue: 3)
        public var description: String {
            let names = ["DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"]
            return names.indices.contains(Int(rawValue)) ? names[Int(rawValue)] : "PageType(\(rawValue))"
        }
    }

    /// `ConvertedType` (the legacy logical annotation); only the values this library uses.
    public struct ConvertedType: RawRepresentable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let utf8 = Self(rawValue: 0)
        public static let int32 = Self(rawValue: 17)
        public static let int64 = Self(rawValue: 18)
    }
}
