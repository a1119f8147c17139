import Foundation

/// Timeouts, connection limits, proxy and trust settings shared by every transport the SDK ships.
///
/// Three timeouts guard three different waits, with azure-core's defaults (as the Java and .NET SDKs):
/// - ``connectTimeout`` (10 s): opening a TCP (and TLS) connection;
/// - ``readIdleTimeout`` (60 s): no byte of the response for that long (a stalled server or a dead link); a slow
///   but steady transfer is never cut off, however long it takes;
/// - ``requestDeadline`` (none): the whole exchange of one attempt, body included. Callers set one per client
///   (``ServiceClientOptions/timeout``) or cancel the task; it is off by default because a 1 GiB upload on a
///   slow link is not a fault.
///
/// ```swift
/// var configuration = TransportConfiguration()
/// configuration.connectTimeout = .seconds(5)
/// configuration.maxConnectionsPerHost = 32
/// let transport = AsyncHTTPClientTransport(configuration: configuration)
/// ```
public struct TransportConfiguration: Sendable {
    /// How long opening one connection (TCP and TLS handshake) may take.
    public var connectTimeout: Duration
    /// How long the response may go without a single byte arriving.
    public var readIdleTimeout: Duration
    /// How long one attempt may take in all, when the call gives no timeout; `nil` for no limit.
    public var requestDeadline: Duration?
    /// HTTP/1.1 keep-alive connections one host may have open at once (requests beyond it wait for one).
    public var maxConnectionsPerHost: Int
    /// How long an unused keep-alive connection stays open. Below Azure's front-end idle cut-off (about 4 min),
    /// so most reused connections are still alive; a dropped one is noticed at once and retried.
    public var idleConnectionLifetime: Duration
    /// Outbound proxy; by default read from `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (see ``ProxySettings``).
    public var proxy: ProxySettings
    /// A PEM file of trusted CA certificates instead of the system's bundle; by default `SSL_CERT_FILE` when set.
    public var caBundlePath: String?

    public init(
        connectTimeout: Duration = .seconds(10), readIdleTimeout: Duration = .seconds(60),
        requestDeadline: Duration? = nil,
        maxConnectionsPerHost: Int = 16, idleConnectionLifetime: Duration = .seconds(60),
        proxy: ProxySettings = .fromEnvironment(), caBundlePath: String? = TransportConfiguration.environmentCABundle()
    ) {
        self.connectTimeout = connectTimeout
        self.readIdleTimeout = readIdleTimeout
        self.requestDeadline = requestDeadline
        self.maxConnectionsPerHost = max(1, maxConnectionsPerHost)
        self.idleConnectionLifetime = idleConnectionLifetime
        self.proxy = proxy
        self.caBundlePath = caBundlePath
    }

    /// `SSL_CERT_FILE` when it is set and not empty (OpenSSL's and curl's convention).
    public static func environmentCABundle(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String?
    {
        environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
