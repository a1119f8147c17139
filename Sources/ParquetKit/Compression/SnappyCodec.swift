/// SNAPPY for Parquet pages: one raw Snappy block per page (never the framing format).
public struct SnappyCodec: ParquetCodec {
    public init() {}
    public var codec: ParquetCompression { .snappy }

    public func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { SnappyCompressor.compress($0) }
    }

    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        do throws(SnappyError) {
            let output = try SnappyDecompressor.decompress(input, maximumLength: uncompressedSize)
            guard output.count == uncompressedSize else {
                throw SnappyError(
                    offset: 0, reason: "block inflates to \(output.count) bytes, page header says \(uncompressedSize)")
            }
            return output
        } catch {
            throw .codecFailure(codec: .snappy, reason: error.description)
        }
    }
}
