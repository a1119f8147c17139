import AzureKitCore
import Foundation

/// A request as the ``LoopbackServer`` received it off the socket.
public struct LoopbackRequest: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent: percent-encoded path and query.
    public var target: String
    public var headers: HTTPHeaders
    /// The body, de-chunked when the client used chunked transfer encoding.
    public var body: Data
    /// The body's length in bytes (kept even when the server does not record bodies).
    public var bodyLength: Int
    /// 1 for the first request on a connection, 2 for the next one sent over the same (kept-alive) connection, ….
    public var sequenceOnConnection: Int

    public init(
        method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: Data = Data(),
        sequenceOnConnection: Int = 1
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.bodyLength = body.count
        self.sequenceOnConnection = sequenceOnConnection
    }

    /// The percent-encoded path, without the query.
    public var path: String {
        guard let question = target.firstIndex(of: "?") else { return target }
        return String(target[..<question])
    }

    /// The decoded query parameters, in order.
    public var queryItems: [URLQueryItem] {
        URLComponents(string: "http://loopback\(target)")?.queryItems ?? []
    }

    /// The value of query parameter `name`, decoded.
    public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// The request as an ``HTTPRequest`` addressed at `origin` (scheme, host and port), with a replayable body.
    public func httpRequest(origin: URL) -> HTTPRequest? {
        var base = origin.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + target) else { return nil }
        return HTTPRequest(method: method, url: url, headers: headers, body: .data(body))
    }
}
