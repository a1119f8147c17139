/// The byte ranges a map task accepts: their `start-end` spelling (`--range`, end exclusive) and which inputs can
/// be entered at a byte offset at all. Planning ranges (how many, how large) is AzureBatchKit's
/// `EvenByteRangePlanner`, which knows nodes and waves; the kernel reads whatever tiling it is given.
///
/// ```swift
/// ByteRange.format(0..<1_048_576)             // "0-1048576"
/// try ByteRange.parse("83-166")               // 83..<166
/// ByteRange.isSplittable("raw/2007.csv.bz2")  // true; "raw/2008.csv.gz": false (one task for the whole file)
/// ```
public enum ByteRange {
    /// `"0-1048576"`.
    public static func format(_ range: Range<Int>) -> String { "\(range.lowerBound)-\(range.upperBound)" }

    /// `"0-1048576"` for 64-bit offsets (a planner's, or a blob's size).
    public static func format(_ range: Range<Int64>) -> String { "\(range.lowerBound)-\(range.upperBound)" }

    /// Parses `start-end` (decimal, `start <= end`).
    /// - Throws: ``AggregationError`` (`invalidRange`) naming the text.
    public static func parse(_ text: String) throws -> Range<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]), start >= 0, start <= end else {
            throw AggregationError(
                .invalidRange,
                message: "'\(text)' is not a byte range: expected <start>-<end>, decimal, start <= end (end exclusive)")
        }
        return start..<end
    }

    /// Whether a map task can take a byte range of an input with this name: plain files and `.bz2` split (the task
    /// finds record and block boundaries); gzip and other stream compressors do not. The task checks the magic
    /// bytes again and refuses a range of a gzip file (`unsplittableInput`).
    public static func isSplittable(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return !unsplittableSuffixes.contains { lowered.hasSuffix($0) }
    }

    static let unsplittableSuffixes = [".gz", ".gzip", ".tgz", ".zst", ".xz", ".lz4", ".z", ".zip"]
}
