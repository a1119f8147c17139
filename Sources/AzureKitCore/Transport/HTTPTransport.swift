/// Sends one HTTP request and returns its response: the only thing a transport has to do.
///
/// The SDK's default is ``URLSessionTransport``; tests plug in `FixtureTransport` from AzureKitTesting, and
/// users can adapt any HTTP client with one method.
///
/// ```swift
/// struct MyTransport: HTTPTransport {
///     func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse { ... }
/// }
/// ```
public protocol HTTPTransport: Sendable {
    /// Sends `request`, failing with ``TransportError`` when no complete response arrives within `timeout`.
    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse
}
