import CompressionCodecs

/// GZIP for Parquet pages: one RFC 1952 member per page (not bare zlib or deflate),
/// using the pure-Swift deflate encoder and inflate decoder of `CompressionCodecs`.
///
/// ```swift
/// var options = ParquetWriterOptions(codec: .gzip)
/// options.customCodecs = [GzipCodec(level: 9)]      // smallest pages; level 6 by default
/// ```
public struct GzipCodec: ParquetCodec {
    /// Deflate level, 0 (stored) ... 9 (smallest).
    public var level: Int

    public init(level: Int = 6) { self.level = level }

    public var codec: ParquetCompression { .gzip }

    public func compress(_ input: [UInt8]) -> [UInt8] {
        Gzip.compress(input, level: level)
    }

    /// Inflates one page; the output may not exceed `uncompressedSize`, so a hostile page
    /// cannot make the reader allocate more than its header announced.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(max(0, uncompressedSize))
        var overflow = false
        let collect = { (chunk: UnsafeRawBufferPointer) throws -> Void in
            guard output.count + chunk.count <= uncompressedSize else {
                overflow = true
                throw ParquetError.codecFailure(
                    codec: .gzip, reason: "page inflates beyond its stated \(uncompressedSize) bytes")
            }
            output.append(contentsOf: chunk)
        }
        do {
            var decoder = GzipDecompressor()
            try decoder.write(input, output: collect)
            try decoder.finish(output: collect)
        } catch {
            if overflow {
                throw .codecFailure(codec: .gzip, reason: "page inflates beyond its stated \(uncompressedSize) bytes")
            }
            throw .codecFailure(codec: .gzip, reason: String(describing: error))
        }
        guard output.count == uncompressedSize else {
            throw .codecFailure(
                codec: .gzip, reason: "page inflates to \(output.count) bytes, header says \(uncompressedSize)")
        }
        return output
    }
}
