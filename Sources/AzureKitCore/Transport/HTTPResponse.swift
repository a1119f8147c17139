import Foundation

/// An HTTP response with its body collected.
///
/// Bodies are collected because every Azure response the SDK reads is bounded (JSON, XML, or one ranged
/// block of a download); large downloads are split into ranges by the Blob client.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

extension HTTPResponse: CustomStringConvertible {
    /// Status, redacted headers and body size: safe to log.
    public var description: String { "HTTP \(status) [\(headers)] body: \(body.count) bytes" }
}
