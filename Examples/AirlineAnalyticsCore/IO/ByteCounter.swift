import Foundation

/// Bytes read so far, shared between the reading task and the progress display.
public final class ByteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0

    public init() {}

    public func add(_ count: Int) {
        lock.lock()
        value += Int64(count)
        lock.unlock()
    }

    public var total: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// Passes chunks through unchanged while counting their bytes.
public struct CountingByteStream<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable
where Base.Element: Collection<UInt8> {
    public typealias Element = Base.Element
    let base: Base
    let counter: ByteCounter

    public init(_ base: Base, counter: ByteCounter) {
        self.base = base
        self.counter = counter
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let counter: ByteCounter

        public mutating func next() async throws -> Element? {
            guard let chunk = try await base.next() else { return nil }
            counter.add(chunk.count)
            return chunk
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), counter: counter) }
}

/// A local file as an async sequence of chunks, so local and remote input share one counting path.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = Data
    public let path: String
    public let chunkSize: Int

    public init(path: String, chunkSize: Int = 4 << 20) {
        self.path = path
        self.chunkSize = Swift.max(1, chunkSize)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let path: String
        let chunkSize: Int
        var handle: FileHandle?
        var finished = false

        public mutating func next() async throws -> Data? {
            if finished { return nil }
            if handle == nil {
                do { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch {
                    finished = true
                    throw AnalyticsFailure("\(path): inputUnreadable: cannot open the file (\(Self.reason(error)))")
                }
            }
            guard let data = try handle?.read(upToCount: chunkSize), !data.isEmpty else {
                finished = true
                try? handle?.close()
                return nil
            }
            return data
        }

        static func reason(_ error: any Error) -> String {
            let nsError = error as NSError
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(underlying.code)))
            }
            return nsError.localizedDescription
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(path: path, chunkSize: chunkSize) }
}
