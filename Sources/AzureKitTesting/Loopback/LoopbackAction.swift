import AzureKitCore
import Foundation

/// A response the ``LoopbackServer`` writes back.
public struct LoopbackResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    /// `Content-Length` is added from `body` unless `headers` already has one.
    public init(status: Int = 200, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What the ``LoopbackServer`` does with one request: answer it, answer it late, or misbehave on purpose.
///
/// ```swift
/// let server = try await LoopbackServer { request in
///     request.path == "/flaky" ? .dropConnection : .respond(status: 200, body: Data("ok".utf8))
/// }
/// ```
public struct LoopbackAction: Sendable {
    enum Kind: Sendable {
        case respond(LoopbackResponse)
        case delayed(Duration, LoopbackResponse)
        case drop
        case truncated(LoopbackResponse, bytes: Int)
        case stall(Duration?)
        case trickle(LoopbackResponse, chunk: Int, interval: Duration)
        case reset
        case headersThenStall(LoopbackResponse)
    }

    let kind: Kind

    /// Answers with `response`.
    public static func respond(_ response: LoopbackResponse) -> LoopbackAction { .init(kind: .respond(response)) }

    /// Answers with `status`, `headers` and `body`.
    public static func respond(status: Int = 200, headers: HTTPHeaders = [:], body: Data = Data()) -> LoopbackAction {
        .respond(LoopbackResponse(status: status, headers: headers, body: body))
    }

    /// Answers after `delay` (latency injection); other connections are served meanwhile.
    public static func respond(after delay: Duration, _ response: LoopbackResponse) -> LoopbackAction {
        .init(kind: .delayed(delay, response))
    }

    /// Closes the connection without writing anything.
    public static let dropConnection = LoopbackAction(kind: .drop)

    /// Writes the status line and headers of `response` (with its full `Content-Length`), then only the first
    /// `bytes` bytes of the body, then closes the connection.
    public static func truncated(_ response: LoopbackResponse, afterBodyBytes bytes: Int) -> LoopbackAction {
        .init(kind: .truncated(response, bytes: max(0, bytes)))
    }

    /// Writes nothing until the client gives up, the server shuts down, or `limit` passes (then closes), so the
    /// client's timeout fires.
    public static func stall(for limit: Duration? = nil) -> LoopbackAction { .init(kind: .stall(limit)) }

    /// Writes the head of `response` at once, then its body `chunk` bytes at a time with `interval` between
    /// chunks (a slow link: progress, idle timeouts).
    public static func trickle(_ response: LoopbackResponse, chunk: Int, every interval: Duration) -> LoopbackAction {
        .init(kind: .trickle(response, chunk: max(1, chunk), interval: interval))
    }

    /// Closes the connection with a TCP reset (`SO_LINGER` 0) instead of an orderly close.
    public static let resetConnection = LoopbackAction(kind: .reset)

    /// Writes the status line and headers of `response` (with its full `Content-Length`), then nothing more until
    /// the client gives up or the server shuts down: a stalled body, for read-idle timeouts.
    public static func headersThenStall(_ response: LoopbackResponse) -> LoopbackAction {
        .init(kind: .headersThenStall(response))
    }

    /// Same as ``stall(for:)`` with no limit.
    public static let stall = LoopbackAction(kind: .stall(nil))
}
