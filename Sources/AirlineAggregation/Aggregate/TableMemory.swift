import CMemoryMapping
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Storage for the group table's arrays. Arrays of 2 MiB and more are, on Linux, offered transparent huge pages:
/// hash probes land at random offsets, and with 4 KiB pages a table of a million groups (tens of MiB) misses the TLB
/// on nearly every probe, which made time per group grow with the group count.
///
/// Those arrays are anonymous mappings of their own (recorded in ``mappings``), grown with `mremap`: the kernel
/// moves the pages, nothing is copied, and the old and the new array never exist side by side. (`realloc` of a
/// `malloc` or `posix_memalign` block copied whenever glibc had served the block from an arena, which is what a
/// worker thread's growing block mostly is: growing the merged table of the 7.4M-group query held the old records
/// beside the new ones, 215 MB above the final size, and every doubling during the scan did the same.)
enum TableMemory {
    private static let hugePage = 2 << 20

    /// Base address → byte length of every live mapping made here.
    private static let mappings = MappingRegistry()

    static func allocate<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, capacity) * MemoryLayout<T>.stride
        guard bytes >= hugePage, let raw = map(bytes) else { return .allocate(capacity: max(1, capacity)) }
        return raw.bindMemory(to: T.self, capacity: capacity)
    }

    /// The first `count` elements of `storage` (trivial types only) moved to an allocation of `capacity`; `storage`
    /// is freed. (Returned rather than `inout`: an inout pass of a table's stored property makes every access to
    /// that property, on the per-row path too, check exclusivity at run time.)
    static func grown<T: BitwiseCopyable>(
        _ storage: UnsafeMutablePointer<T>, from count: Int, to capacity: Int
    ) -> UnsafeMutablePointer<T> {
        let bytes = max(1, capacity) * MemoryLayout<T>.stride
        if let raw = remap(UnsafeMutableRawPointer(storage), to: bytes) {
            return raw.bindMemory(to: T.self, capacity: capacity)
        }
        let grown = allocate(T.self, capacity: capacity)
        grown.moveInitialize(from: storage, count: count)
        deallocate(storage)
        return grown
    }

    /// Frees storage from ``allocate(_:capacity:)`` or ``grown(_:from:to:)``.
    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>) {
        let raw = UnsafeMutableRawPointer(pointer)
        if let bytes = mappings.remove(raw) {
            #if os(Linux)
                munmap(raw, bytes)
            #endif
        } else {
            pointer.deallocate()
        }
    }

    /// A fresh zero-filled mapping of `bytes` (Linux), or nil.
    private static func map(_ bytes: Int) -> UnsafeMutableRawPointer? {
        #if os(Linux)
            guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                raw != MAP_FAILED
            else { return nil }
            adviseHugePages(raw, from: 0, to: bytes)
            mappings.insert(raw, bytes: bytes)
            return raw
        #else
            return nil
        #endif
    }

    /// A mapping made here grown to `bytes` by `mremap` (possibly moved); nil when `raw` is not one or it failed.
    private static func remap(_ raw: UnsafeMutableRawPointer, to bytes: Int) -> UnsafeMutableRawPointer? {
        #if os(Linux)
            guard let old = mappings.length(of: raw) else { return nil }
            guard bytes > old else { return raw }
            guard let moved = c_memory_mapping_remap(raw, old, bytes) else { return nil }
            mappings.remove(raw)
            mappings.insert(moved, bytes: bytes)
            adviseHugePages(moved, from: old, to: bytes)
            return moved
        #else
            return nil
        #endif
    }

    /// Offers transparent huge pages for the whole pages of bytes `start..<end` of the block at `raw` (Linux).
    private static func adviseHugePages(_ raw: UnsafeMutableRawPointer, from start: Int, to end: Int) {
        #if os(Linux)
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let first = (Int(bitPattern: raw) + start + page - 1) / page * page
            let last = (Int(bitPattern: raw) + end) / page * page
            if last > first { _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_HUGEPAGE) }
        #endif
    }

    /// Gives the whole pages within the first `count` elements of `storage` back to the system (Linux, arrays of
    /// 2 MiB and more): they read as zeros afterwards. A no-op elsewhere.
    static func discard<T>(_ storage: UnsafeMutablePointer<T>, count: Int) {
        #if os(Linux)
            let bytes = count * MemoryLayout<T>.stride
            guard bytes >= hugePage else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let start = (Int(bitPattern: storage) + page - 1) / page * page
            let end = (Int(bitPattern: storage) + bytes) / page * page
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
        #endif
    }

}

/// The live mappings of ``TableMemory``, shared by all tables (each table's thread allocates and frees its own;
/// the registry is touched only when an array of 2 MiB or more is made, grown or freed).
private final class MappingRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var lengths: [UInt: Int] = [:]

    func insert(_ raw: UnsafeMutableRawPointer, bytes: Int) {
        lock.withLock { lengths[UInt(bitPattern: raw)] = bytes }
    }

    func length(of raw: UnsafeMutableRawPointer) -> Int? {
        lock.withLock { lengths[UInt(bitPattern: raw)] }
    }

    @discardableResult
    func remove(_ raw: UnsafeMutableRawPointer) -> Int? {
        lock.withLock { lengths.removeValue(forKey: UInt(bitPattern: raw)) }
    }
}
