import Foundation

/// An HTTP request as it travels through the pipeline.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: HTTPBody

    public init(method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: HTTPBody = .empty) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

extension HTTPRequest: CustomStringConvertible {
    /// Method, redacted URL and redacted headers: safe to log.
    public var description: String {
        "\(method.rawValue) \(Redaction.default.redact(url)) [\(headers)] body: \(body)"
    }
}
