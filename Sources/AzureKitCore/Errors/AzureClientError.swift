/// A problem detected on the client before or instead of a service answer: bad configuration, a malformed
/// URL, missing credentials, a body that cannot be replayed, an unexpected response shape.
///
/// A struct over an open, string-backed ``Kind`` so new kinds never break a caller's `switch`; service modules
/// add their own kinds in an extension (AzureBlobKit's `.tooManyBlocks`, ContainerImageKit's `.invalidPath`).
/// Compare with `error.kind == .invalidURL`.
public struct AzureClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of the problem.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let invalidConfiguration = Kind(rawValue: "invalidConfiguration")
        public static let invalidURL = Kind(rawValue: "invalidURL")
        public static let invalidCredential = Kind(rawValue: "invalidCredential")
        public static let insecureEndpoint = Kind(rawValue: "insecureEndpoint")
        public static let bodyNotReplayable = Kind(rawValue: "bodyNotReplayable")
        public static let unexpectedResponse = Kind(rawValue: "unexpectedResponse")
        public static let authenticationFailed = Kind(rawValue: "authenticationFailed")
        public static let invalidArgument = Kind(rawValue: "invalidArgument")
        public static let timedOut = Kind(rawValue: "timedOut")
    }

    public let kind: Kind
    /// A human-readable message that names what is wrong; never contains a secret.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    // MARK: Common constructors

    public static func invalidURL(_ text: String, reason: String) -> AzureClientError {
        AzureClientError(.invalidURL, "invalid URL '\(Redaction.default.redactURLString(text))': \(reason)")
    }

    public static func bodyNotReplayable() -> AzureClientError {
        AzureClientError(.bodyNotReplayable, "the request body cannot be sent again, so the request cannot be retried")
    }

    public static func unexpectedResponse(_ operation: String, _ reason: String) -> AzureClientError {
        AzureClientError(.unexpectedResponse, "\(operation): \(reason)")
    }
}
