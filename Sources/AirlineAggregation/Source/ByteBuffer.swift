#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A heap byte buffer with a fixed slack of readable bytes past its capacity (the block scanner reads whole
/// 64-byte blocks). It moves between the reader and one worker at a time, never shared concurrently.
final class ByteBuffer: @unchecked Sendable {
    static let slack = 64
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity + Self.slack, alignment: 64)
        memset(base, 0, capacity + Self.slack)  // fast even in debug builds
    }

    deinit { base.deallocate() }

    /// Grows to `newCapacity`, keeping the first `keeping` bytes.
    func grow(to newCapacity: Int, keeping: Int) {
        guard newCapacity > capacity else { return }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity + Self.slack, alignment: 64)
        memset(grown, 0, newCapacity + Self.slack)
        grown.copyMemory(from: base, byteCount: keeping)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// The writable region `[from, capacity)`.
    func writable(from offset: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + offset, count: capacity - offset)
    }

    var bytes: UnsafeMutablePointer<UInt8> { base.assumingMemoryBound(to: UInt8.self) }
}
