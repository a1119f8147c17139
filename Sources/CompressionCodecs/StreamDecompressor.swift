/// A push-style decompressor: feed compressed bytes as they arrive, receive decompressed bytes in order.
///
/// Implementations keep bounded memory (a window or a few blocks), never the whole input or output.
///
/// ```swift
/// var decoder = CompressionFormat.bzip2.makeDecompressor(workers: 2)
/// for chunk in chunks { try chunk.withUnsafeBytes { try decoder.write($0) { out in sink(out) } } }
/// try decoder.finish { out in sink(out) }
/// ```
public protocol StreamDecompressor {
    /// Feeds compressed bytes; calls `output` zero or more times with decompressed bytes, in order.
    mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws
    /// Signals end of input; throws a typed error if the stream is truncated or its checksums do not match.
    mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws
}

extension StreamDecompressor {
    /// Feeds a byte array; see `write(_:output:)`.
    public mutating func write(_ input: [UInt8], output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { try write($0, output: output) }
    }
}

/// The decompressor for `.none`: hands input straight through.
public struct PassthroughDecompressor: StreamDecompressor {
    public init() {}
    public mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        if !input.isEmpty { try output(input) }
    }
    public mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {}
}

/// Decompresses a whole buffer in one call, detecting the format from its magic bytes.
///
/// ```swift
/// let csv = try decompress(try Array(contentsOf: url))   // bzip2, gzip or plain
/// ```
/// - Parameter workers: threads for bzip2 block decoding.
public func decompress(_ bytes: [UInt8], workers: Int = 1) throws -> [UInt8] {
    var decoder = CompressionFormat.detect(bytes).makeDecompressor(workers: workers)
    var result: [UInt8] = []
    try bytes.withUnsafeBytes { input in
        try decoder.write(input) { result.append(contentsOf: $0) }
    }
    try decoder.finish { result.append(contentsOf: $0) }
    return result
}
