/// GZIP for Parquet pages: one RFC 1952 member per page.
///
/// The deflate encoder and inflate decoder come from the `CompressionCodecs`
/// target, which has not landed yet; until then both directions throw
/// ``ParquetError/codecUnavailable(codec:reason:)`` ("GZIP codec unavailable").
public struct GzipCodec: ParquetCodec {
    public init() {}
    public var codec: ParquetCompression { .gzip }

    static let unavailable = ParquetError.codecUnavailable(
        codec: .gzip, reason: "the CompressionCodecs deflate/inflate implementation is not available in this build")

    public func compress(_ input: [UInt8]) throws(ParquetError) -> [UInt8] {
        throw Self.unavailable
    }

    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        throw Self.unavailable
    }
}
