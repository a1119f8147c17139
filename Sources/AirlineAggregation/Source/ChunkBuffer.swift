#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte buffer with a fixed slack of readable bytes past its capacity (the block scanner reads whole 64-byte
/// blocks). It moves between the reader and one worker at a time, never shared concurrently.
///
/// Its storage is either heap memory or, for a plain local file, a read-only mapping of part of the file (so
/// the bytes reach the parser without a copy); ``useHeap()`` switches back.
final class ChunkBuffer: @unchecked Sendable {
    static let slack = 64
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Length of the current mapping, or nil for heap storage.
    private var mappedLength: Int?

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity + Self.slack, alignment: 64)
        memset(base, 0, capacity + Self.slack)  // fast even in debug builds
    }

    deinit { release() }

    /// Grows to `newCapacity`, keeping the first `keeping` bytes (heap storage only).
    func grow(to newCapacity: Int, keeping: Int) {
        guard newCapacity > capacity else { return }
        precondition(mappedLength == nil, "a mapped buffer cannot grow")
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity + Self.slack, alignment: 64)
        memset(grown, 0, newCapacity + Self.slack)
        grown.copyMemory(from: base, byteCount: keeping)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// The writable region `[from, capacity)` (heap storage only).
    func writable(from offset: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + offset, count: capacity - offset)
    }

    var bytes: UnsafeMutablePointer<UInt8> { base.assumingMemoryBound(to: UInt8.self) }

    var isMapped: Bool { mappedLength != nil }

    /// Replaces the storage with a read-only mapping of `length` bytes of `descriptor` at `offset` (a multiple of
    /// the page size). The last ``slack`` bytes are the readable slack; they must lie within the file.
    /// (Faulting pages in lazily measured cheaper than `MAP_POPULATE`: the reader's quote scan touches them first.)
    func map(descriptor: Int32, offset: Int, length: Int) throws(MappingError) {
        release()
        let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(offset))
        guard let mapped, mapped != MAP_FAILED else {
            let cause = String(cString: strerror(errno))
            base = .allocate(byteCount: Self.slack, alignment: 64)
            capacity = 0
            throw MappingError(cause: cause)
        }
        base = mapped
        capacity = length - Self.slack
        mappedLength = length
    }

    /// Back to zeroed heap storage of `capacity` bytes (no-op when already on the heap).
    func useHeap(capacity newCapacity: Int) {
        guard mappedLength != nil else { return }
        release()
        base = .allocate(byteCount: newCapacity + Self.slack, alignment: 64)
        memset(base, 0, newCapacity + Self.slack)
        capacity = newCapacity
    }

    private func release() {
        if let length = mappedLength {
            munmap(base, length)
            mappedLength = nil
        } else {
            base.deallocate()
        }
    }

    struct MappingError: Error {
        var cause: String
    }
}
