#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Storage for the group table's arrays. Arrays of 2 MiB and more are aligned to 2 MiB and, on Linux, offered
/// transparent huge pages: hash probes land at random offsets, and with 4 KiB pages a table of a million groups
/// (tens of MiB) misses the TLB on nearly every probe, which made time per group grow with the group count.
enum TableMemory {
    private static let hugePage = 2 << 20

    static func allocate<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, capacity) * MemoryLayout<T>.stride
        guard bytes >= hugePage else { return .allocate(capacity: max(1, capacity)) }
        var raw: UnsafeMutableRawPointer?
        let rounded = (bytes + hugePage - 1) / hugePage * hugePage
        guard posix_memalign(&raw, hugePage, rounded) == 0, let raw else { return .allocate(capacity: capacity) }
        #if os(Linux)
            _ = madvise(raw, rounded, MADV_HUGEPAGE)
        #endif
        return raw.bindMemory(to: T.self, capacity: capacity)
    }

    /// The first `count` elements of `storage` (trivial types only) moved to an allocation of `capacity`; `storage`
    /// is freed. (Returned rather than `inout`: an inout pass of a table's stored property makes every access to
    /// that property, on the per-row path too, check exclusivity at run time.)
    ///
    /// An array of 2 MiB and more is grown by `realloc`: a block that large is its own mapping, which glibc moves
    /// with `mremap` instead of copying, so growing a table of hundreds of MB neither holds the old and the new
    /// array at once (the peak RSS of a merge that resizes the largest worker's table) nor copies them.
    static func grown<T: BitwiseCopyable>(
        _ storage: UnsafeMutablePointer<T>, from count: Int, to capacity: Int
    ) -> UnsafeMutablePointer<T> {
        let bytes = max(1, capacity) * MemoryLayout<T>.stride
        if count * MemoryLayout<T>.stride >= hugePage, let raw = realloc(UnsafeMutableRawPointer(storage), bytes) {
            #if os(Linux)
                // The moved mapping keeps its advice; the part added to it is advised here (whole pages only).
                let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                let start = (Int(bitPattern: raw) + page - 1) / page * page
                let end = (Int(bitPattern: raw) + bytes) / page * page
                if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            #endif
            return raw.bindMemory(to: T.self, capacity: capacity)
        }
        let grown = allocate(T.self, capacity: capacity)
        grown.moveInitialize(from: storage, count: count)
        deallocate(storage)
        return grown
    }

    /// Frees storage from ``allocate(_:capacity:)`` (both paths end in `free`).
    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>) {
        free(UnsafeMutableRawPointer(pointer))
    }
}
