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

    /// Heap storage whose slack is zeroed. The rest is left as allocated: every reader of a buffer stops at its
    /// fill mark (bytes past it are stale data of an earlier fill anyway), and zeroing megabytes that a mapping
    /// replaces at once, or that the next read overwrites, cost a page fault per 4 KiB in every run (eight times
    /// per file in an eight-way split).
    init(capacity: Int) {
        self.capacity = capacity
        base = Self.allocate(capacity)
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutableRawPointer {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity + slack, alignment: 64)
        memset(storage + capacity, 0, slack)
        return storage
    }

    deinit { release() }

    /// Grows to `newCapacity`, keeping the first `keeping` bytes (heap storage only).
    func grow(to newCapacity: Int, keeping: Int) {
        guard newCapacity > capacity else { return }
        precondition(mappedLength == nil, "a mapped buffer cannot grow")
        let grown = Self.allocate(newCapacity)
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

    /// Back to heap storage of `capacity` bytes (no-op when already on the heap).
    func useHeap(capacity newCapacity: Int) {
        guard mappedLength != nil else { return }
        release()
        base = Self.allocate(newCapacity)
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
