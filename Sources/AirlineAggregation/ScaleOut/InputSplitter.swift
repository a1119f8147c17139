/// Plans map tasks: cuts each input into byte ranges of about a target size. Plain CSV and `.bz2` split anywhere
/// (the tasks find record and block boundaries themselves); `.gz` and other unsplittable inputs get one task each.
///
/// ```swift
/// let splitter = InputSplitter(targetBytesPerTask: 256 << 20)
/// let splits = splitter.splits([.init(name: "raw/2007.csv.bz2", size: 121_249_243),
///                               .init(name: "raw/2008.csv.gz", size: 110_000_000)])
/// for split in splits { print(split.input, split.rangeArgument ?? "whole") }   // "0-121249243", "whole"
/// ```
public struct InputSplitter: Sendable {
    /// One input to plan: its name (path or blob name, whose suffix decides splittability) and stored size.
    public struct Input: Sendable, Hashable {
        public var name: String
        public var size: Int
        public init(name: String, size: Int) {
            self.name = name
            self.size = size
        }
    }

    /// One map task's share: an input and a byte range of it.
    public struct Split: Sendable, Hashable {
        public var input: String
        public var inputSize: Int
        public var range: Range<Int>
        /// Whether the range is the whole input (then the task needs no `--range`).
        public var isWholeInput: Bool { range == 0..<inputSize }
        /// The `--range` argument (`start-end`, end exclusive), nil for a whole input.
        public var rangeArgument: String? { isWholeInput ? nil : ByteRange.format(range) }
    }

    /// The byte count a task should read (at least 1).
    public var targetBytesPerTask: Int

    public init(targetBytesPerTask: Int) { self.targetBytesPerTask = Swift.max(1, targetBytesPerTask) }

    /// A target that spreads `totalBytes` over `tasks` tasks (for "N tasks over these inputs").
    public init(totalBytes: Int, tasks: Int) {
        let tasks = Swift.max(1, tasks)
        self.init(targetBytesPerTask: (totalBytes + tasks - 1) / tasks)
    }

    /// The splits of `inputs`, in input order: a splittable input of `size` bytes gets `ceil(size / target)`
    /// ranges of equal size (±1 byte); an unsplittable or empty one, a single whole range.
    public func splits(_ inputs: [Input]) -> [Split] {
        inputs.flatMap { input -> [Split] in
            let count =
                Self.isSplittable(input.name)
                ? Swift.max(1, input.size / targetBytesPerTask + (input.size % targetBytesPerTask == 0 ? 0 : 1)) : 1
            return (0..<count).map { index in
                let start = Int((Int64(input.size) * Int64(index)) / Int64(count))
                let end = Int((Int64(input.size) * Int64(index + 1)) / Int64(count))
                return Split(input: input.name, inputSize: input.size, range: start..<end)
            }
        }
    }

    /// Whether a name's suffix allows byte ranges: gzip (and other stream compressors) does not; plain files and
    /// `.bz2` do. The map task checks the magic bytes again and refuses a range of a gzip file.
    public static func isSplittable(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return !unsplittableSuffixes.contains { lowered.hasSuffix($0) }
    }

    static let unsplittableSuffixes = [".gz", ".gzip", ".tgz", ".zst", ".xz", ".lz4", ".z", ".zip"]
}

/// The `start-end` spelling of a byte range (end exclusive) used by `--range`.
public enum ByteRange {
    /// `"0-1048576"`.
    public static func format(_ range: Range<Int>) -> String { "\(range.lowerBound)-\(range.upperBound)" }

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
}
