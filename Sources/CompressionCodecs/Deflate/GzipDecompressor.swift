public struct GzipDecompressor: StreamDecompressor {
    public init() {}
    public mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws {}
    public mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {}
}
