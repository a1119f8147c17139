/// Sends one HTTP request and returns its response: the only thing a transport has to do.
///
/// The SDK ships two: ``AsyncHTTPClientTransport`` (the default on Linux) and ``URLSessionTransport`` (the
/// default on Apple platforms, an explicit option elsewhere); ``DefaultTransport/shared`` is the one clients use
/// unless given another. Tests plug in `FixtureTransport` from AzureKitTesting, and users can adapt any HTTP
/// client with one method.
///
/// A transport reads the request body with ``HTTPBody/chunks()`` (or ``HTTPBody/collect()``), never decodes
/// `Content-Encoding`, leaves a 2xx body as ``HTTPResponse/stream`` when ``HTTPRequest/streamsResponse`` is set
/// (or may collect it: ``HTTPResponse/bodyChunks()`` reads either), and reports failures below HTTP as
/// ``TransportError``.
///
/// ```swift
/// struct MyTransport: HTTPTransport {
///     func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse { ... }
/// }
/// ```
public protocol HTTPTransport: Sendable {
    /// Sends `request`, failing with ``TransportError`` when the connection fails or drops, no byte arrives
    /// within the read-idle timeout, or the exchange is not complete by `timeout` (the attempt's deadline;
    /// `nil` uses the transport's own ``TransportConfiguration/requestDeadline``).
    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse
}

/// The transport service clients use when ``ServiceClientOptions`` names none.
public enum DefaultTransport {
    /// ``AsyncHTTPClientTransport/shared`` on Linux (FoundationNetworking's libcurl loop notices a dropped
    /// keep-alive connection only after its timeout, spinning meanwhile, and always decodes gzip), and
    /// ``URLSessionTransport/shared`` on Apple platforms, where URLSession is the system's own stack.
    public static let shared: any HTTPTransport = {
        #if canImport(Darwin)
            return URLSessionTransport.shared
        #else
            return AsyncHTTPClientTransport.shared
        #endif
    }()
}
