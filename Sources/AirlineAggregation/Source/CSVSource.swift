/// Where the CSV bytes come from: a local file, standard input, memory, or any async byte stream. The input may
/// be gzip or bzip2 compressed; the format is detected from its first bytes.
///
/// ```swift
/// let local = CSVSource.file("/data/2007.csv.bz2")
/// let piped = CSVSource.standardInput
/// let remote = CSVSource.stream(download.bytes, name: "blob://raw/2007.csv.bz2")   // AsyncSequence of [UInt8]
/// ```
public struct CSVSource: Sendable {
    /// A label used in errors and summaries (path, `<stdin>`, or the caller's name).
    public var name: String
    let makeReader: @Sendable () throws -> any ByteReader
    let close: @Sendable (any ByteReader) -> Void

    init(
        name: String, makeReader: @escaping @Sendable () throws -> any ByteReader,
        close: @escaping @Sendable (any ByteReader) -> Void = { _ in }
    ) {
        self.name = name
        self.makeReader = makeReader
        self.close = close
    }

    /// A local file, read with read(2) in large chunks (never mapped or held whole).
    public static func file(_ path: String) -> CSVSource {
        CSVSource(
            name: path, makeReader: { try FileDescriptorReader.open(path: path) },
            close: { ($0 as? FileDescriptorReader)?.close() })
    }

    /// The process's standard input.
    public static var standardInput: CSVSource {
        CSVSource(name: "<stdin>") { FileDescriptorReader(descriptor: 0, name: "<stdin>", closeWhenDone: false) }
    }

    /// Bytes already in memory (tests, small inputs).
    /// - Parameter maximumRead: caps each read to exercise chunk boundaries.
    public static func bytes(_ bytes: [UInt8], name: String = "<memory>", maximumRead: Int = .max) -> CSVSource {
        CSVSource(name: name) { ArrayReader(bytes: bytes, maximumRead: maximumRead) }
    }

    /// Any async sequence of byte collections, e.g. a blob client's streaming download.
    public static func stream<Bytes: AsyncSequence & Sendable>(_ sequence: Bytes, name: String) -> CSVSource
    where Bytes.Element: Collection<UInt8> {
        CSVSource(name: name) { AsyncSequenceReader(sequence) }
    }
}
