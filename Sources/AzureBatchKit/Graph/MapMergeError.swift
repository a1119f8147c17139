/// A map/merge job that cannot be planned or built, naming what is wrong.
///
/// ```swift
/// do { _ = try EvenByteRangePlanner().splits(of: [], targetBytesPerTask: 1 << 28, nodes: 4) }
/// catch let error as MapMergeError where error.kind == .noInputs { print(error) }
/// ```
public struct MapMergeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of problem (extensible string-backed value).
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Nothing to map: the input list (or the listing of a prefix) is empty.
        public static let noInputs = Kind(rawValue: "noInputs")
        /// A count, size or target is out of range.
        public static let invalidArgument = Kind(rawValue: "invalidArgument")
        /// A task built by the caller does not carry the id the job gave it, or already says what it depends on.
        public static let taskMismatch = Kind(rawValue: "taskMismatch")
        /// The task graph is not one Batch would run to the end (see ``TaskDependencyError``).
        public static let invalidGraph = Kind(rawValue: "invalidGraph")
    }

    public var kind: Kind
    /// What is wrong, naming the offending value.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }
}
