import Logging

/// Options every service client shares: retry, logging, transport, timeouts and extra policies.
///
/// ```swift
/// var options = ServiceClientOptions(retry: .init(maxRetries: 5), applicationID: "nightly-etl")
/// options.logger = myLogger            // else AZURE_LOG_LEVEL / AzureLogging.level decide
/// ```
public struct ServiceClientOptions: Sendable {
    public var retry: RetryOptions
    /// What may appear in logs; extend it with ``Redaction/allowing(headers:queryParameters:)``.
    public var redaction: Redaction
    /// How requests reach the service: ``DefaultTransport/shared`` unless set (``AsyncHTTPClientTransport`` on
    /// Linux, ``URLSessionTransport`` on Apple platforms).
    public var transport: any HTTPTransport
    /// Prefixed to the `User-Agent` (at most 24 characters).
    public var applicationID: String?
    /// Deadline of one attempt (connect, send, and the whole response); `nil` uses the transport's
    /// ``TransportConfiguration/requestDeadline`` (none by default: the read-idle timeout catches a stall).
    public var timeout: Duration?
    /// Run once per operation, before the retry loop.
    public var perCallPolicies: [any HTTPPolicy]
    /// Run on every attempt, after authentication.
    public var perAttemptPolicies: [any HTTPPolicy]
    /// Allows `http://` endpoints other than loopback and emulators. Off: keys and tokens must not cross a
    /// network in the clear.
    public var allowsInsecureHTTP: Bool
    /// The client's logger for calls that pass none; `nil` uses ``AzureLogging/logger`` (off unless
    /// `AZURE_LOG_LEVEL` or ``AzureLogging/level`` is set).
    public var logger: Logger?

    public init(
        retry: RetryOptions = .init(), redaction: Redaction = .default,
        transport: any HTTPTransport = DefaultTransport.shared, applicationID: String? = nil,
        timeout: Duration? = nil, perCallPolicies: [any HTTPPolicy] = [], perAttemptPolicies: [any HTTPPolicy] = [],
        allowsInsecureHTTP: Bool = false, logger: Logger? = nil
    ) {
        self.retry = retry
        self.redaction = redaction
        self.transport = transport
        self.applicationID = applicationID
        self.timeout = timeout
        self.perCallPolicies = perCallPolicies
        self.perAttemptPolicies = perAttemptPolicies
        self.allowsInsecureHTTP = allowsInsecureHTTP
        self.logger = logger
    }
}
