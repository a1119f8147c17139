import CByteClassifier

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Classification of 64-byte blocks into bitmasks (bit i = byte i), simdcsv style: the block classifier of the
/// portable ``RecordScanner`` build, exposed here for its tests; and a vectorized byte search for the reader.
///
/// The compares and `movemask`s live in the `CByteClassifier` header (SSE2 or NEON, inlined here): Swift's
/// SIMD types have no `movemask`, and emulating it with multiplies measured twice as slow.
enum BlockClassifier {
    /// Separators (delimiters and newlines), newlines and quotes of one block: the C header's struct.
    typealias Masks = ByteClassMasks

    /// Classifies the 64 bytes at `pointer` (all must be readable).
    @inline(__always)
    static func classify(_ pointer: UnsafeRawPointer, delimiter: UInt8, quote: UInt8) -> Masks {
        byte_classifier_classify(pointer.assumingMemoryBound(to: UInt8.self), delimiter, quote)
    }

    /// Whether the `count` bytes at `pointer` contain `byte` (libc's `memchr`, vectorized for the running CPU).
    static func contains(_ byte: UInt8, in pointer: UnsafeRawPointer, count: Int) -> Bool {
        count > 0 && memchr(pointer, Int32(byte), count) != nil
    }
}
