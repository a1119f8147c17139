/// Finds record boundaries (LF outside quotes) in a buffer that starts at a record boundary.
enum RecordBoundaries {
    struct Scan {
        /// Index just past the last LF outside quotes, if any.
        var lastRecordEnd: Int?
        /// Where the still-open quoted field began, when the range ends inside quotes.
        var openQuote: Int?
    }

    /// Scans `[start, end)`; without any quote byte this is a single SIMD pass plus a short backward search.
    static func scan(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, quote: UInt8) -> Scan {
        if !BlockClassifier.contains(quote, in: UnsafeRawPointer(bytes + start), count: end - start) {
            return Scan(lastRecordEnd: lastNewline(bytes, from: start, to: end), openQuote: nil)
        }
        var inside = false
        var openedAt = 0
        var last: Int?
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == quote {
                inside.toggle()
                if inside { openedAt = index }
            } else if byte == 0x0A, !inside {
                last = index + 1
            }
            index += 1
        }
        return Scan(lastRecordEnd: last, openQuote: inside ? openedAt : nil)
    }

    /// Index just past the last LF in `[start, end)`, quotes ignored.
    static func lastNewline(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = end - 1
        while index >= start {
            if bytes[index] == 0x0A { return index + 1 }
            index -= 1
        }
        return nil
    }

    /// Index just past the first LF outside quotes in `[start, end)`.
    static func firstRecordEnd(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, quote: UInt8) -> Int? {
        var inside = false
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == quote {
                inside.toggle()
            } else if byte == 0x0A, !inside {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// Offset of the first CR outside quotes in `[start, end)` that is followed by a byte other than LF, when it comes
    /// before any LF outside quotes: the sign of CR-only (classic Mac OS) line endings. A CR as the very last byte
    /// is not judged (its successor is unknown).
    static func loneCarriageReturn(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, quote: UInt8) -> Int? {
        var inside = false
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == quote {
                inside.toggle()
            } else if !inside {
                if byte == 0x0A { return nil }
                if byte == 0x0D, index + 1 < end, bytes[index + 1] != 0x0A { return index }
            }
            index += 1
        }
        return nil
    }

    /// LF bytes in `[start, end)` (for line numbers on the error path).
    static func newlines(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
        while index < end {
            if bytes[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }
}
