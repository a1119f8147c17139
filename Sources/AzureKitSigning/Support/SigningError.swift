/// An error raised while preparing or signing a request, before anything reaches the network.
///
/// Messages name the offending input (header name, URL part, parameter) but never contain a key,
/// a signature or a header value, because values such as `x-ms-copy-source` can carry SAS tokens.
public struct SigningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of input was rejected. Extensible: compare against the static constants.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The account name is empty or contains characters that cannot appear in an account name.
        public static let invalidAccountName = Code(rawValue: "InvalidAccountName")
        /// The key is empty or not valid Base64.
        public static let invalidAccountKey = Code(rawValue: "InvalidAccountKey")
        /// The HTTP method is empty or not an HTTP token.
        public static let invalidMethod = Code(rawValue: "InvalidMethod")
        /// The URL has no host, or its path or query cannot be canonicalized (bad percent-escapes).
        public static let malformedURL = Code(rawValue: "MalformedURL")
        /// A header that must be signed has a name that is not an HTTP token.
        public static let invalidHeaderName = Code(rawValue: "InvalidHeaderName")
        /// A header value contains a line break or NUL, which would corrupt the string to sign.
        public static let invalidHeaderValue = Code(rawValue: "InvalidHeaderValue")
        /// A SAS field is missing, empty or not allowed for the chosen resource.
        public static let invalidSASParameter = Code(rawValue: "InvalidSASParameter")
    }

    /// The category of the problem.
    public let code: Code
    /// A human-readable explanation naming the offending input.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "SigningError(\(code)): \(message)" }
}
