/// An image reference that Docker would refuse, with the part that is wrong.
///
/// ```swift
/// do { _ = try ContainerImageReference(parsing: "Tools/Worker:1.0") }
/// catch let error as ContainerImageReferenceError where error.kind == .uppercaseRepository { print(error) }
/// ```
public struct ContainerImageReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which rule the reference breaks. Extensible: new rules never break a caller's `switch`.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The reference is empty or only whitespace.
        public static let empty = Kind(rawValue: "empty")
        /// The registry host (or its port) is malformed.
        public static let invalidRegistry = Kind(rawValue: "invalidRegistry")
        /// A repository path component breaks `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
        public static let invalidRepository = Kind(rawValue: "invalidRepository")
        /// The repository path has upper-case letters.
        public static let uppercaseRepository = Kind(rawValue: "uppercaseRepository")
        /// The tag breaks `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
        public static let invalidTag = Kind(rawValue: "invalidTag")
        /// The digest is malformed, uses an unknown algorithm, or has the wrong length.
        public static let invalidDigest = Kind(rawValue: "invalidDigest")
        /// The registry and repository together are longer than 255 characters.
        public static let nameTooLong = Kind(rawValue: "nameTooLong")
        /// A bare 64-character hex string, which Docker reserves for image ids.
        public static let looksLikeImageID = Kind(rawValue: "looksLikeImageID")
    }

    public let kind: Kind
    /// The whole reference as given.
    public let reference: String
    /// The offending part (a path component, the tag, the digest, the host…).
    public let part: String
    /// What is wrong with ``part``.
    public let reason: String

    public init(_ kind: Kind, reference: String, part: String, reason: String) {
        self.kind = kind
        self.reference = reference
        self.part = part
        self.reason = reason
    }

    public var description: String { "invalid image reference '\(reference)': \(reason)" }
}
