/// A pure-Swift compressor for the raw Snappy block format
/// (google/snappy `format_description.txt`).
///
/// Greedy LZ77 over independent 64 KiB fragments with one hash table of 4-byte
/// sequences per fragment, like the reference implementation: copies never reach
/// into an earlier fragment, so offsets fit the 2-byte copy form. Incompressible
/// stretches are skipped faster and faster (the "skip" heuristic), keeping
/// random data cheap.
///
/// ```swift
/// let block = SnappyCompressor.compress(bytes)          // [UInt8] or UnsafeRawBufferPointer
/// let back = try SnappyDecompressor.decompress(block)
/// ```
public enum SnappyCompressor {
    static let fragmentSize = 1 << 16
    static let hashBits = 14
    /// Fragments shorter than this are stored as one literal.
    static let minimumMatchInput = 16

    /// Worst-case block size for `count` input bytes (the reference `MaxCompressedLength`).
    public static func maximumCompressedLength(_ count: Int) -> Int { 32 + count + count / 6 }

    /// One raw Snappy block (length preamble + elements) for `input`.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// One raw Snappy block for the bytes in `input`.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let capacity = maximumCompressedLength(input.count)
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let out = buffer.baseAddress else { return }
            var op = 0
            var length = UInt64(input.count)
            while length >= 0x80 {
                out[op] = UInt8(truncatingIfNeeded: length) | 0x80
                op += 1
                length >>= 7
            }
            out[op] = UInt8(length)
            op += 1
            let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << hashBits)
            defer { table.deallocate() }
            var start = 0
            while start < input.count {
                let end = min(start + fragmentSize, input.count)
                table.initialize(repeating: 0, count: 1 << hashBits)
                compressFragment(UnsafeRawBufferPointer(rebasing: input[start..<end]), table: table, out: out, op: &op)
                start = end
            }
            initialized = op
        }
    }

    @inline(__always)
    private static func hash(_ word: UInt32) -> Int {
        Int((word &* 0x1E35_A7BD) >> UInt32(32 - hashBits))
    }

    @inline(__always)
    private static func load32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private static func compressFragment(
        _ input: UnsafeRawBufferPointer, table: UnsafeMutablePointer<UInt16>, out: UnsafeMutablePointer<UInt8>,
        op: inout Int
    ) {
        let count = input.count
        guard let base = input.baseAddress, count >= minimumMatchInput else {
            emitLiteral(input, from: 0, to: count, out: out, op: &op)
            return
        }
        // Last position where a 4-byte load stays inside the fragment.
        let lastLoad = count - 4
        var nextEmit = 0
        var ip = 1
        while true {
            // Find a 4-byte match, stepping further the longer nothing matches.
            var skip = 32
            var candidate = 0
            var found = false
            while ip <= lastLoad {
                let word = load32(base, ip)
                let h = hash(word)
                candidate = Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip)
                if candidate < ip && load32(base, candidate) == word {
                    found = true
                    break
                }
                ip += skip >> 5
                skip += 1
            }
            guard found else { break }
            emitLiteral(input, from: nextEmit, to: ip, out: out, op: &op)
            // Extend the match as far as it goes.
            var matched = 4
            while ip + matched < count
                && base.load(fromByteOffset: candidate + matched, as: UInt8.self)
                    == base.load(fromByteOffset: ip + matched, as: UInt8.self)
            {
                matched += 1
            }
            emitCopy(offset: ip - candidate, length: matched, out: out, op: &op)
            ip += matched
            nextEmit = ip
            guard ip <= lastLoad else { break }
            // Index the position just before the match end, as the reference does, to find adjacent repeats.
            table[hash(load32(base, ip - 1))] = UInt16(truncatingIfNeeded: ip - 1)
        }
        emitLiteral(input, from: nextEmit, to: count, out: out, op: &op)
    }

    private static func emitLiteral(
        _ input: UnsafeRawBufferPointer, from start: Int, to end: Int, out: UnsafeMutablePointer<UInt8>, op: inout Int
    ) {
        let length = end - start
        guard length > 0 else { return }
        let n = length - 1
        if n < 60 {
            out[op] = UInt8(n << 2)
            op += 1
        } else {
            let extraBytes = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4
            out[op] = UInt8((59 + extraBytes) << 2)
            op += 1
            for k in 0..<extraBytes {
                out[op] = UInt8(truncatingIfNeeded: n >> (8 * k))
                op += 1
            }
        }
        if let source = input.baseAddress {
            (out + op).update(from: source.advanced(by: start).assumingMemoryBound(to: UInt8.self), count: length)
        }
        op += length
    }

    private static func emitCopy(offset: Int, length: Int, out: UnsafeMutablePointer<UInt8>, op: inout Int) {
        var remaining = length
        // Long matches become 64-byte copies; keep the tail at 4 or more bytes.
        while remaining >= 68 {
            emitCopy2(offset: offset, length: 64, out: out, op: &op)
            remaining -= 64
        }
        if remaining > 64 {
            emitCopy2(offset: offset, length: 60, out: out, op: &op)
            remaining -= 60
        }
        if remaining <= 11 && offset < 2048 {
            out[op] = UInt8(1 | ((remaining - 4) << 2) | ((offset >> 8) << 5))
            out[op + 1] = UInt8(truncatingIfNeeded: offset)
            op += 2
        } else {
            emitCopy2(offset: offset, length: remaining, out: out, op: &op)
        }
    }

    private static func emitCopy2(offset: Int, length: Int, out: UnsafeMutablePointer<UInt8>, op: inout Int) {
        out[op] = UInt8(2 | ((length - 1) << 2))
        out[op + 1] = UInt8(truncatingIfNeeded: offset)
        out[op + 2] = UInt8(truncatingIfNeeded: offset >> 8)
        op += 3
    }
}
