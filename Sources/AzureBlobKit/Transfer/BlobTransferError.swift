/// A transfer failed on the client side: a range came back wrong, a file could not be read or written, or an
/// option is out of range. Service failures are ``AzureKitCore/AzureServiceError``.
public struct BlobTransferError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A range's checksum did not match what the service reported.
        public static let checksumMismatch = Kind(rawValue: "checksumMismatch")
        /// A range was shorter or longer than requested, or the response was not a range.
        public static let unexpectedRange = Kind(rawValue: "unexpectedRange")
        /// A local file could not be opened, read, written, synced or renamed.
        public static let fileSystem = Kind(rawValue: "fileSystem")
        public static let invalidOption = Kind(rawValue: "invalidOption")
        /// The data would need more than 50,000 blocks at this block size.
        public static let tooManyBlocks = Kind(rawValue: "tooManyBlocks")
    }

    public let kind: Kind
    /// Names the blob, file, offset or value that is wrong.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    static func invalidOption(_ message: String) -> BlobTransferError { .init(.invalidOption, message) }
    static func fileSystem(_ path: String, _ action: String, errno code: Int32) -> BlobTransferError {
        .init(.fileSystem, "cannot \(action) '\(path)': \(String(cString: strerror(code)))")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
