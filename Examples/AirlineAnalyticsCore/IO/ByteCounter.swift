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
