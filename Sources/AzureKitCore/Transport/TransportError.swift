/// A failure below HTTP: no complete response was received.
///
/// A dropped connection or a timeout says nothing about whether the request was wrong, so services retry them;
/// whether *every* method may be retried depends on ``mayHaveReachedService`` (see ``RetryClassifier``).
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The connection could not be opened (refused, or not within the connect timeout); nothing was sent.
        public static let connectionFailed = Kind(rawValue: "connectionFailed")
        /// The connection closed before a complete response arrived.
        public static let connectionDropped = Kind(rawValue: "connectionDropped")
        /// No byte arrived within the read-idle timeout, or the attempt passed its deadline.
        public static let timedOut = Kind(rawValue: "timedOut")
        /// The host name could not be resolved.
        public static let hostNotFound = Kind(rawValue: "hostNotFound")
        /// The response could not be parsed as HTTP.
        public static let malformedResponse = Kind(rawValue: "malformedResponse")
    }

    public let kind: Kind
    /// Host (never the query string, which may carry a SAS) of the request that failed.
    public let host: String
    public let detail: String

    public init(kind: Kind, host: String, detail: String) {
        self.kind = kind
        self.host = host
        self.detail = detail
    }

    /// Whether the service may have received (and acted on) the request: `false` only when no connection was
    /// ever made (``Kind/connectionFailed``, ``Kind/hostNotFound``), so even a `POST` can be sent again.
    public var mayHaveReachedService: Bool { kind != .connectionFailed && kind != .hostNotFound }

    public var description: String { "transport error (\(kind.rawValue)) talking to \(host): \(detail)" }
}
