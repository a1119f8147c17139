/// A problem assembling or publishing an image, naming what is wrong (a path, a file, a platform).
///
/// A struct over an extensible ``Kind`` so new kinds never break a caller's `switch`.
public struct ContainerImageError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A path that cannot go into a tar archive (empty, `..`, too long for ustar).
        public static let invalidPath = Kind(rawValue: "invalidPath")
        /// Two different entries for one path.
        public static let conflictingEntry = Kind(rawValue: "conflictingEntry")
        /// A host file could not be read.
        public static let unreadableFile = Kind(rawValue: "unreadableFile")
        /// A value that does not fit its tar header field.
        public static let fieldOverflow = Kind(rawValue: "fieldOverflow")
        /// A base image has no manifest for the wanted platform, or a manifest/config this SDK cannot read.
        public static let unsupportedBaseImage = Kind(rawValue: "unsupportedBaseImage")
        /// `ldd` failed or printed something that is not a dependency list.
        public static let sharedLibraryResolution = Kind(rawValue: "sharedLibraryResolution")
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
