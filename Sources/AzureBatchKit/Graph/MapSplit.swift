/// One input of a map/merge job as a planner sees it: where it is, how many bytes it has, and whether a map task
/// can take a byte range of it.
///
/// The planner knows bytes, not formats: the caller decides what is splittable (a plain CSV or a `.bz2` is; a
/// `.gz` is not, and gets one task for the whole file).
public struct MapInput: Sendable, Hashable {
    /// A path or URL without credentials (the caller adds a per-task SAS when it builds the command).
    public var location: String
    /// The input's size in bytes (compressed size for a compressed input).
    public var size: Int64
    /// Whether a map task can read a byte range of it.
    public var isSplittable: Bool

    public init(location: String, size: Int64, isSplittable: Bool) {
        self.location = location
        self.size = size
        self.isSplittable = isSplittable
    }
}

/// The part of one input a map task reads: a byte range, or the whole input.
public struct MapSplit: Sendable, Hashable, CustomStringConvertible {
    public var input: MapInput
    /// Bytes `lowerBound..<upperBound` of the input; `nil` for the whole input (unsplittable or empty).
    public var range: Range<Int64>?

    public init(input: MapInput, range: Range<Int64>?) {
        self.input = input
        self.range = range
    }

    /// The bytes this split covers.
    public var byteCount: Int64 { range.map { $0.upperBound - $0.lowerBound } ?? input.size }

    public var description: String {
        guard let range else { return "\(input.location) (whole file)" }
        return "\(input.location) bytes \(range.lowerBound)-\(range.upperBound)"
    }
}

/// Cuts inputs into map splits: the seam where a format-aware planner (for example one that moves boundaries to
/// bzip2 blocks itself) plugs into ``MapMergeJob``.
public protocol MapSplitPlanner: Sendable {
    /// The splits for `inputs`, in input order, aiming at `targetBytesPerTask` bytes per split and at least one
    /// split per node when the inputs allow it.
    func splits(of inputs: [MapInput], targetBytesPerTask: Int64, nodes: Int) throws(AzureClientError) -> [MapSplit]
}
