import Foundation

/// An HTTP response: status, headers, and the body either collected (``body``) or, when the request asked for it
/// with ``HTTPRequest/streamsResponse``, as a stream of chunks (``stream``).
///
/// Most Azure responses are small (JSON, XML, one block of a download) and are collected. A streamed response
/// leaves ``body`` empty for a 2xx status and delivers the bytes through ``stream`` with backpressure: the
/// transport reads from the socket only as fast as the consumer takes chunks. Error responses (non-2xx) are
/// always collected, so error decoding and retry classification never have to read a stream.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    /// The collected body; empty when ``stream`` carries it.
    public var body: Data
    /// The body still to be read, for a streamed 2xx response.
    public var stream: HTTPResponseStream?
    /// How many HTTP attempts the pipeline made for this response (``RetryPolicy`` sets it; 1 without retries).
    /// The bulk path reads it: a request retried on the wire may already have been applied by the service.
    public var attempts: Int = 1
    /// The client request id the pipeline sent (``ClientRequestIDPolicy`` chooses it once per operation), so an
    /// error can quote it even when the service does not echo it.
    public var clientRequestID: String?

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data(), stream: HTTPResponseStream? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body's chunks, whether collected or streamed: one chunk for a collected body.
    public func bodyChunks() -> HTTPResponseStream {
        if let stream { return stream }
        let body = body
        return HTTPResponseStream(
            AsyncThrowingStream { continuation in
                if !body.isEmpty { continuation.yield(body) }
                continuation.finish()
            })
    }

    /// Reads a streamed body into ``body`` (a no-op for a collected one).
    public func collected() async throws -> HTTPResponse {
        guard let stream else { return self }
        var copy = self
        copy.stream = nil
        copy.body = try await stream.collect(expectedLength: headers["Content-Length"].flatMap(Int.init))
        return copy
    }
}

/// A response body's chunks as they arrive; iterate it once. Failures below HTTP (a connection dropped mid-body,
/// the read-idle timeout) are thrown as ``TransportError``.
public struct HTTPResponseStream: AsyncSequence, Sendable {
    public typealias Element = Data
    private let chunks: AsyncThrowingStream<Data, any Error>

    public init(_ chunks: AsyncThrowingStream<Data, any Error>) { self.chunks = chunks }

    public func makeAsyncIterator() -> AsyncThrowingStream<Data, any Error>.Iterator { chunks.makeAsyncIterator() }

    /// Every remaining byte in one buffer (sized once when the length is known).
    public func collect(expectedLength: Int? = nil) async throws -> Data {
        var data = Data()
        if let expectedLength, expectedLength > 0 { data.reserveCapacity(expectedLength) }
        for try await chunk in self { data.append(chunk) }
        return data
    }
}

extension HTTPResponse: CustomStringConvertible {
    /// Status, redacted headers and body size: safe to log.
    public var description: String {
        "HTTP \(status) [\(headers)] body: \(stream == nil ? "\(body.count) bytes" : "streamed")"
    }
}
