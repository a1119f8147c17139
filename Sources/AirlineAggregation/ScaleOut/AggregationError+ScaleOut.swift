extension AggregationError.Kind {
    /// A byte range lies outside its input.
    public static let invalidRange = Self(rawValue: "invalidRange")
    /// Part of an input that cannot be split (gzip, or a CSV without a header line) was requested.
    public static let unsplittableInput = Self(rawValue: "unsplittableInput")
    /// The first line break after a range's end is inside a quoted field: the next range would start mid-record.
    public static let quotedNewlineAtSplit = Self(rawValue: "quotedNewlineAtSplit")
    /// The query uses an aggregate without a mergeable partial state.
    public static let notMergeable = Self(rawValue: "notMergeable")
    /// A partial result comes from another query or format version, or is not a partial result at all.
    public static let partialMismatch = Self(rawValue: "partialMismatch")
    /// The partial results do not cover their inputs exactly once: one is missing, duplicated or inconsistent.
    public static let incompletePartials = Self(rawValue: "incompletePartials")
}
