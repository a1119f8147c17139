import Foundation

/// An HTTP request as it travels through the pipeline.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// Leave a 2xx response's body as ``HTTPResponse/stream`` instead of collecting it (large downloads).
    public var streamsResponse: Bool
    /// Marks a request whose method is not idempotent (a `POST`) as safe to send again after a connection
    /// dropped once it may have reached the service, because the service or the SDK deduplicates it (Batch's
    /// Add Task Collection: the SDK reconciles a repeated add). See ``isIdempotent``.
    public var isMarkedIdempotent: Bool

    public init(
        method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: HTTPBody = .empty,
        streamsResponse: Bool = false, isMarkedIdempotent: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.streamsResponse = streamsResponse
        self.isMarkedIdempotent = isMarkedIdempotent
    }

    /// Whether sending the request twice has the effect of sending it once: `GET`, `HEAD`, `PUT`, `DELETE`,
    /// `OPTIONS` and `TRACE` (RFC 9110 §9.2.2, azure-core's list), or a request marked so.
    public var isIdempotent: Bool { isMarkedIdempotent || method.isIdempotent }
}

extension HTTPRequest: CustomStringConvertible {
    /// Method, redacted URL and redacted headers: safe to log.
    public var description: String {
        "\(method.rawValue) \(Redaction.default.redact(url)) [\(headers)] body: \(body)"
    }
}
