#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream made of `prefix` (a range task's header record) followed by `window` of a local file, read like a
/// whole file: with read(2) from the descriptor's position, and mappable by the pipeline (``MappableFile``), which
/// seeks the descriptor past the chunks it mapped. Stream offsets past the prefix are file offsets shifted by
/// ``fileOffsetOfStream``.
struct FileWindowReader: ByteReader {
    let descriptor: Int32
    let name: String
    private let prefix: [UInt8]
    private var prefixStart = 0
    /// Where the window ends in the file.
    private let end: Int
    /// File offset minus stream offset, for the bytes after the prefix.
    let fileOffsetOfStream: Int
    /// The prefix plus the window.
    let streamSize: Int

    /// Opens `path` positioned at the window's start.
    static func open(path: String, prefix: [UInt8], window: Range<Int>) throws -> FileWindowReader {
        let file = try FileDescriptorReader.open(path: path)
        guard lseek(file.descriptor, off_t(window.lowerBound), SEEK_SET) == off_t(window.lowerBound) else {
            let cause = String(cString: strerror(errno))
            file.close()
            throw AggregationError(.inputUnreadable, file: path, message: "seek failed: \(cause)")
        }
        return FileWindowReader(descriptor: file.descriptor, name: path, prefix: prefix, window: window)
    }

    private init(descriptor: Int32, name: String, prefix: [UInt8], window: Range<Int>) {
        self.descriptor = descriptor
        self.name = name
        self.prefix = prefix
        end = window.upperBound
        fileOffsetOfStream = window.lowerBound - prefix.count
        streamSize = prefix.count + window.count
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if prefixStart < prefix.count {
            let count = Swift.min(buffer.count, prefix.count - prefixStart)
            prefix.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + prefixStart, byteCount: count) }
            prefixStart += count
            return count
        }
        // The position lives in the descriptor: the mapping path moves it.
        let position = Int(lseek(descriptor, 0, SEEK_CUR))
        guard position >= 0 else {
            throw AggregationError(
                .inputUnreadable, file: name, message: "seek failed: \(String(cString: strerror(errno)))")
        }
        let wanted = Swift.min(buffer.count, end - position)
        guard wanted > 0 else { return 0 }
        var file = FileDescriptorReader(descriptor: descriptor, name: name, closeWhenDone: true)
        return try await file.read(into: UnsafeMutableRawBufferPointer(start: base, count: wanted))
    }

    func close() { FileDescriptorReader(descriptor: descriptor, name: name, closeWhenDone: true).close() }
}
