import AzureKitCore
import Foundation

/// Sends every request to `origin` (scheme, host and port replaced; path, query, headers and body kept), so a
/// client built for `https://acct.blob.core.windows.net` talks to a ``LoopbackServer`` unchanged.
///
/// A fixture-mismatch answer from a fixture-serving loopback server is turned back into the ``FixtureError``
/// that ``FixtureTransport`` would have thrown.
///
/// ```swift
/// let transport = RedirectingTransport(to: server.baseURL)
/// let blob = try BlobClient(url: URL(string: "https://acct.blob.core.windows.net/c/b")!, credential: key,
///                           options: .init(transport: transport))
/// ```
public struct RedirectingTransport: HTTPTransport {
    public let origin: URL
    public let wrapped: any HTTPTransport

    public init(to origin: URL, wrapping transport: any HTTPTransport = DefaultTransport.shared) {
        self.origin = origin
        self.wrapped = transport
    }

    public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        var redirected = request
        redirected.url = try Self.rewrite(request.url, to: origin)
        let response = try await wrapped.send(redirected, timeout: timeout)
        if response.status == FixtureReplayer.mismatchStatus, response.headers[FixtureReplayer.mismatchHeader] != nil {
            throw FixtureError(message: String(decoding: response.body, as: UTF8.self))
        }
        return response
    }

    static func rewrite(_ url: URL, to origin: URL) throws -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw AzureClientError.invalidURL(url.absoluteString, reason: "cannot redirect it to \(origin)")
        }
        components.scheme = origin.scheme
        components.host = origin.host
        components.port = origin.port
        components.user = nil
        components.password = nil
        guard let result = components.url else {
            throw AzureClientError.invalidURL(url.absoluteString, reason: "cannot redirect it to \(origin)")
        }
        return result
    }
}
