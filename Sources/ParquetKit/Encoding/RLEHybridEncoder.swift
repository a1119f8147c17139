/// The RLE / bit-packing hybrid (Encodings.md) used for definition levels and
/// dictionary indices.
///
/// Runs of 8 or more equal values become RLE runs (`varint(count << 1)` + the
/// value in `ceil(bitWidth / 8)` bytes); everything else is bit-packed in groups
/// of 8 values, LSB first (`varint(groups << 1 | 1)` + `bitWidth` bytes per group).
/// Run kinds switch only at 8-value boundaries, so only the final group pads.
///
/// ```swift
/// var out: [UInt8] = []
/// RLEHybridEncoder.encode([1, 1, 0, 1, 1, 1, 1, 1, 1, 0], bitWidth: 1, into: &out)   // 05 FB 01
/// ```
public enum RLEHybridEncoder {
    /// Shortest repetition that is written as an RLE run.
    static let minimumRepeatRun = 8

    /// Appends the hybrid encoding of `values` (each must fit in `bitWidth` bits, 0...32).
    public static func encode<C: RandomAccessCollection>(_ values: C, bitWidth: Int, into out: inout [UInt8])
    where C.Element: BinaryInteger, C.Index == Int {
        precondition((0...32).contains(bitWidth), "bit width \(bitWidth) outside 0...32")
        var i = values.startIndex
        let end = values.endIndex
        while i < end {
            let run = repeatLength(values, from: i, limit: end - i)
            if run >= minimumRepeatRun {
                appendRLERun(value: UInt32(truncatingIfNeeded: values[i]), count: run, bitWidth: bitWidth, into: &out)
                i += run
                continue
            }
            // Bit-pack whole groups until a long repeat begins at a group boundary.
            var groupEnd = min(i + 8, end)
            while groupEnd < end && repeatLength(values, from: groupEnd, limit: minimumRepeatRun) < minimumRepeatRun {
                groupEnd = min(groupEnd + 8, end)
            }
            appendBitPackedRun(values[i..<groupEnd], bitWidth: bitWidth, into: &out)
            i = groupEnd
        }
    }

    /// Length of the run of values equal to `values[start]`, scanning at most `limit` values.
    private static func repeatLength<C: RandomAccessCollection>(_ values: C, from start: Int, limit: Int) -> Int
    where C.Element: BinaryInteger, C.Index == Int {
        let first = values[start]
        let stop = min(values.endIndex, start + limit)
        var j = start + 1
        while j < stop && values[j] == first { j += 1 }
        return j - start
    }

    static func appendRLERun(value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        appendVarint(UInt64(count) << 1, to: &out)
        var v = value
        for _ in 0..<(bitWidth + 7) / 8 {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Packs `values` LSB first; the last group is zero-padded to 8 values.
    static func appendBitPackedRun<C: RandomAccessCollection>(_ values: C, bitWidth: Int, into out: inout [UInt8])
    where C.Element: BinaryInteger {
        let groups = (values.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, to: &out)
        guard bitWidth > 0 else { return }
        // The run's bytes are sized once and filled in place (a byte append per 8 bits was most of encoding a
        // million dictionary indices); padding values are zero, so the zero-filled tail finishes the last group.
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: groups * bitWidth))
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        out.withUnsafeMutableBufferPointer { bytes in
            var buffer: UInt64 = 0
            var bitsInBuffer = 0
            var at = start
            for value in values {
                buffer |= (UInt64(truncatingIfNeeded: value) & mask) << UInt64(bitsInBuffer)
                bitsInBuffer += bitWidth
                while bitsInBuffer >= 8 {
                    bytes[at] = UInt8(truncatingIfNeeded: buffer)
                    buffer >>= 8
                    bitsInBuffer -= 8
                    at += 1
                }
            }
            if bitsInBuffer > 0 { bytes[at] = UInt8(truncatingIfNeeded: buffer) }
        }
    }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Bits needed to store `maxValue` (0 for 0).
    public static func bitWidth(forMaxValue maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }
}
