#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An input whose bytes can be read from any offset: a local file (`pread`; a plain-CSV range task maps its window),
/// or a remote object read with ranged requests. A map task over a byte range reads only its range, the header at
/// the start and short reads at the range's ends, never the whole input.
///
/// ```swift
/// let local = try RangedInput.file("/data/2007.csv.bz2")
/// let remote = RangedInput.ranged(name: url.description, size: size) { range in   // one ranged GET per call
///     blob.downloadStream(options: .init(offset: Int64(range.lowerBound), length: Int64(range.count)))
/// }
/// ```
public struct RangedInput: Sendable {
    /// A label for errors and partial results; partials of the same input must use the same name.
    public var name: String
    /// Total bytes, as stored (compressed bytes for `.bz2`/`.gz`).
    public var size: Int
    let open: @Sendable (Range<Int>) throws -> any ByteReader
    /// Set for a local file, which a whole-input task reads through the kernel's mapping path.
    let localPath: String?

    init(
        name: String, size: Int, localPath: String? = nil,
        open: @escaping @Sendable (Range<Int>) throws -> any ByteReader
    ) {
        self.name = name
        self.size = size
        self.localPath = localPath
        self.open = open
    }

    /// A local file; its size is taken now.
    /// - Throws: ``AggregationError`` (`inputUnreadable`) when the file cannot be opened.
    public static func file(_ path: String) throws -> RangedInput {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw AggregationError(
                .inputUnreadable, file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw AggregationError(.inputUnreadable, file: path, message: "not a regular file: byte ranges need one")
        }
        return RangedInput(name: path, size: Int(status.st_size), localPath: path) { range in
            try FileRangeReader(path: path, range: range)
        }
    }

    /// Bytes in memory (tests); `maximumRead` caps each read to exercise boundaries.
    public static func bytes(_ bytes: [UInt8], name: String = "<memory>", maximumRead: Int = .max) -> RangedInput {
        RangedInput(name: name, size: bytes.count) { range in
            ArrayReader(bytes: Array(bytes[range]), maximumRead: maximumRead)
        }
    }

    /// Any source of ranged reads: `read(range)` returns the bytes of `range` in order, as an async sequence of byte
    /// collections (e.g. a blob's ranged download stream).
    public static func ranged<Bytes: AsyncSequence & Sendable>(
        name: String, size: Int, read: @escaping @Sendable (Range<Int>) -> Bytes
    ) -> RangedInput where Bytes.Element: Collection<UInt8> {
        RangedInput(name: name, size: size) { range in AsyncSequenceReader(read(range)) }
    }
}

/// Reads `range` of a file with pread(2); the descriptor closes with the last copy.
struct FileRangeReader: ByteReader {
    private final class Descriptor: @unchecked Sendable {
        let value: Int32
        init(_ value: Int32) { self.value = value }
        deinit { _ = close(value) }
    }

    private let descriptor: Descriptor
    private let name: String
    private var position: Int
    private let end: Int

    init(path: String, range: Range<Int>) throws {
        let value = open(path, O_RDONLY)
        guard value >= 0 else {
            throw AggregationError(
                .inputUnreadable, file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        descriptor = Descriptor(value)
        name = path
        position = range.lowerBound
        end = range.upperBound
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        let wanted = Swift.min(buffer.count, end - position)
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        while true {
            let count = pread(descriptor.value, base, wanted, off_t(position))
            if count >= 0 {
                position += count
                return count
            }
            if errno == EINTR { continue }
            throw AggregationError(
                .inputUnreadable, file: name, byteOffset: position,
                message: "read failed: \(String(cString: strerror(errno)))")
        }
    }
}
