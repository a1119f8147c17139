import Foundation

/// A request body: bytes in memory, a region of a file, or an async sequence of chunks, and whether it can be
/// sent again.
///
/// Transports read a body as a stream of chunks (``chunks()``), so a file or a sequence is sent without being
/// loaded whole. Retries re-send the body, so each attempt starts a fresh read from a rewindable source (bytes,
/// a file, a sequence factory); a one-shot sequence can be read once, and the pipeline refuses to retry a request
/// that carries one rather than silently sending an empty or partial body.
///
/// ```swift
/// let body = HTTPBody.data(Data("hello".utf8))                               // replayable
/// let file = try HTTPBody.file(at: url)                                      // replayable, streamed from disk
/// let live = HTTPBody.stream(length: nil) { makeChunks() }                   // replayable: a fresh sequence per attempt
/// let pipe = HTTPBody.oneShot(length: nil, chunks: stdinChunks)              // sent once, never retried
/// ```
public struct HTTPBody: Sendable {
    /// The chunks of one attempt's body, pulled on demand (the producer runs only as fast as the transport sends).
    public typealias Chunks = AsyncThrowingStream<Data, any Error>

    private enum Storage: Sendable {
        case data(Data)
        case file(path: String, offset: Int64, length: Int64)
        case factory(@Sendable () -> Chunks)
        case oneShot(OneShot)
    }

    private final class OneShot: @unchecked Sendable {
        // Guarded by `lock`: a one-shot body may be read at most once.
        private let lock = NSLock()
        private var chunks: Chunks?
        init(_ chunks: Chunks) { self.chunks = chunks }
        func take() -> Chunks? {
            lock.lock()
            defer { lock.unlock() }
            defer { chunks = nil }
            return chunks
        }
    }

    private let storage: Storage
    /// The length in bytes when known before the body is produced.
    public let knownLength: Int?

    private init(_ storage: Storage, knownLength: Int?) {
        self.storage = storage
        self.knownLength = knownLength
    }

    /// How many bytes one chunk of a file or in-memory body holds: large enough that syscalls do not dominate,
    /// small enough that a body in flight costs little extra memory in the transport.
    public static let chunkSize = 256 * 1024

    /// No body.
    public static let empty = HTTPBody(.data(Data()), knownLength: 0)

    /// In-memory bytes: always replayable.
    public static func data(_ data: Data) -> HTTPBody { HTTPBody(.data(data), knownLength: data.count) }

    /// In-memory bytes: always replayable.
    public static func bytes(_ bytes: [UInt8]) -> HTTPBody { .data(Data(bytes)) }

    /// `length` bytes of the file at `url` from `offset` (to the end of the file when `length` is `nil`), read in
    /// ``chunkSize`` chunks as the transport sends them; each attempt reads the file again.
    /// - Throws: ``AzureClientError`` when the file cannot be examined or the region lies beyond its end.
    public static func file(at url: URL, offset: Int64 = 0, length: Int64? = nil) throws -> HTTPBody {
        let path = url.path
        let size: Int64
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.int64Value ?? (attributes[.size] as? Int).map(Int64.init) ?? 0
        } catch {
            throw AzureClientError(
                .invalidArgument, "request body file '\(path)' cannot be read: \(error.localizedDescription)")
        }
        let length = length ?? max(0, size - offset)
        guard offset >= 0, length >= 0, offset + length <= size else {
            throw AzureClientError(
                .invalidArgument,
                "request body bytes \(offset)..<\(offset + length) lie outside '\(path)' (\(size) bytes)")
        }
        return HTTPBody(.file(path: path, offset: offset, length: length), knownLength: Int(length))
    }

    /// A body streamed from a fresh sequence that `make` creates for every attempt (so it can be retried).
    public static func stream<Chunk: AsyncSequence & Sendable>(length: Int?, _ make: @escaping @Sendable () -> Chunk)
        -> HTTPBody
    where Chunk.Element == Data {
        HTTPBody(.factory { Self.erase(make()) }, knownLength: length)
    }

    /// A body produced on demand by `make`, which may be called once per attempt.
    public static func replayable(length: Int?, _ make: @escaping @Sendable () async throws -> Data) -> HTTPBody {
        HTTPBody(.factory { Self.single(make) }, knownLength: length)
    }

    /// Chunks that can be read only once (for example a pipe); a request carrying them is never retried.
    public static func oneShot<Chunk: AsyncSequence & Sendable>(length: Int?, chunks: Chunk) -> HTTPBody
    where Chunk.Element == Data {
        HTTPBody(.oneShot(OneShot(erase(chunks))), knownLength: length)
    }

    /// A body that can be produced only once; a request carrying it is never retried.
    public static func oneShot(length: Int?, _ make: @escaping @Sendable () async throws -> Data) -> HTTPBody {
        HTTPBody(.oneShot(OneShot(single(make))), knownLength: length)
    }

    /// Whether the body can be sent again on a retry.
    public var isReplayable: Bool {
        if case .oneShot = storage { return false }
        return true
    }

    /// Whether the body is known to be empty.
    public var isEmpty: Bool { knownLength == 0 }

    /// The body's chunks for one attempt, read only as they are consumed.
    /// - Throws: ``AzureClientError`` (`.bodyNotReplayable`) when a one-shot body is read a second time.
    public func chunks() throws -> Chunks {
        switch storage {
        case .data(let data):
            // Slices share the bytes, so a transport that copies each chunk into its own buffer copies one chunk
            // at a time rather than a whole block.
            return Chunks { continuation in
                var start = data.startIndex
                while start < data.endIndex {
                    let end = min(start + HTTPBody.chunkSize, data.endIndex)
                    continuation.yield(data[start..<end])
                    start = end
                }
                continuation.finish()
            }
        case .file(let path, let offset, let length):
            return Self.fileChunks(path: path, offset: offset, length: length)
        case .factory(let make):
            return make()
        case .oneShot(let once):
            guard let chunks = once.take() else { throw AzureClientError.bodyNotReplayable() }
            return chunks
        }
    }

    /// The body's bytes for one attempt, for transports and fixtures that need them whole.
    /// - Throws: ``AzureClientError`` when a one-shot body is read a second time, or the producer's error.
    public func collect() async throws -> Data {
        if case .data(let data) = storage { return data }
        var bytes = Data()
        if let knownLength { bytes.reserveCapacity(knownLength) }
        for try await chunk in try chunks() { bytes.append(chunk) }
        return bytes
    }

    private static func erase<Chunk: AsyncSequence & Sendable>(_ sequence: Chunk) -> Chunks
    where Chunk.Element == Data {
        let iterator = IteratorBox(sequence.makeAsyncIterator())
        return Chunks(unfolding: { try await iterator.next() })
    }

    private static func single(_ make: @escaping @Sendable () async throws -> Data) -> Chunks {
        let produced = ProducedOnce()
        return Chunks(unfolding: {
            guard produced.claim() else { return nil }
            return try await make()
        })
    }

    private static func fileChunks(path: String, offset: Int64, length: Int64) -> Chunks {
        let reader = FileRegionReader(path: path, offset: offset, length: length)
        return Chunks(unfolding: { try reader.next(upTo: chunkSize) })
    }
}

/// Holds a sequence's iterator for `AsyncThrowingStream(unfolding:)`, which calls `next` one at a time.
private final class IteratorBox<Iterator: AsyncIteratorProtocol>: @unchecked Sendable where Iterator.Element == Data {
    private var iterator: Iterator
    init(_ iterator: Iterator) { self.iterator = iterator }
    func next() async throws -> Data? { try await iterator.next() }
}

/// `true` the first time only; the unfolding closure of a single-chunk body.
private final class ProducedOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var produced = false
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { produced = true }
        return !produced
    }
}

/// Reads one region of a file in order; opened on the first read and closed at the end or when released.
private final class FileRegionReader: @unchecked Sendable {
    // Used by one attempt's unfolding stream, which calls `next` one at a time.
    private let path: String
    private var position: Int64
    private var remaining: Int64
    private var handle: FileHandle?

    init(path: String, offset: Int64, length: Int64) {
        self.path = path
        self.position = offset
        self.remaining = length
    }

    deinit { try? handle?.close() }

    func next(upTo size: Int) throws -> Data? {
        guard remaining > 0 else {
            try? handle?.close()
            handle = nil
            return nil
        }
        do {
            if handle == nil {
                let opened = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                try opened.seek(toOffset: UInt64(position))
                handle = opened
            }
            guard let data = try handle?.read(upToCount: Int(min(Int64(size), remaining))), !data.isEmpty else {
                throw AzureClientError(
                    .invalidArgument,
                    "request body file '\(path)' ended \(remaining) bytes early (was it truncated while being sent?)")
            }
            position += Int64(data.count)
            remaining -= Int64(data.count)
            return data
        } catch let error as AzureClientError {
            throw error
        } catch {
            throw AzureClientError(
                .invalidArgument, "request body file '\(path)' cannot be read: \(error.localizedDescription)")
        }
    }
}

extension HTTPBody: CustomStringConvertible {
    /// The length and kind, never the bytes.
    public var description: String {
        let length = knownLength.map { "\($0) bytes" } ?? "unknown length"
        return isReplayable ? length : "\(length), one-shot"
    }
}
