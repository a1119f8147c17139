import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The default transport on Linux: AsyncHTTPClient on SwiftNIO, with a keep-alive HTTP/1.1 pool per host.
///
/// It notices a connection the server or a load balancer closed the moment the socket says so (a reused
/// connection dropped before the response fails in milliseconds and is retried), waits without using CPU,
/// streams request bodies from files and sequences, streams 2xx response bodies with backpressure when the
/// request asks for it, and never decodes `Content-Encoding`: bodies arrive byte for byte as stored.
///
/// Connect, read-idle and per-attempt deadline timeouts, the per-host connection cap, proxy and CA bundle come
/// from ``TransportConfiguration``. Redirects are not followed (Azure data-plane APIs do not redirect, and a
/// followed redirect would carry the `Authorization` header elsewhere).
///
/// ```swift
/// let options = ServiceClientOptions()                                   // uses AsyncHTTPClientTransport.shared on Linux
/// let custom = AsyncHTTPClientTransport(configuration: .init(maxConnectionsPerHost: 32))
/// defer { Task { try await custom.shutdown() } }                          // or let it go: it shuts down when released
/// ```
public final class AsyncHTTPClientTransport: HTTPTransport, Sendable {
    /// A process-wide transport that is never shut down, so clients can be plain values. Its connections use
    /// SwiftNIO's process-wide event loops, which do not keep the process alive at exit.
    public static let shared = AsyncHTTPClientTransport()

    public let configuration: TransportConfiguration
    private let clients: ClientPool

    public init(configuration: TransportConfiguration = .init()) {
        self.configuration = configuration
        self.clients = ClientPool(configuration: configuration)
    }

    deinit {
        // An HTTPClient must be shut down before it goes away; do it in the background for a transport that was
        // simply released (its event loops are the shared ones, so nothing waits on this).
        clients.shutdownInBackground()
    }

    /// Closes every connection and stops accepting requests; requests in flight fail. Safe to call twice.
    public func shutdown() async throws { try await clients.shutdown() }

    public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let host = request.url.host ?? "unknown host"
        let client = try clients.client(for: configuration.proxy.server(for: request.url))
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where field.name.lowercased() != "host" {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        if !request.body.isEmpty {
            let length: HTTPClientRequest.Body.Length = request.body.knownLength.map { .known(Int64($0)) } ?? .unknown
            outgoing.body = .stream(ByteBufferChunks(chunks: try request.body.chunks()), length: length)
        }
        let deadline: NIODeadline =
            (timeout ?? configuration.requestDeadline).map { .now() + $0.timeAmount } ?? .distantFuture

        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, deadline: deadline)
        } catch {
            throw Self.map(error, host: host)
        }
        var headers = HTTPHeaders()
        for field in response.headers { headers.add(name: field.name, value: field.value) }
        let status = Int(response.status.code)
        let chunks = ResponseChunks(body: response.body, host: host, deadline: deadline)
        if request.streamsResponse, (200..<300).contains(status), request.method != .head {
            return HTTPResponse(status: status, headers: headers, stream: chunks.stream())
        }
        let body = try await chunks.stream().collect(
            expectedLength: request.method == .head ? nil : headers["Content-Length"].flatMap(Int.init))
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// A failure from AsyncHTTPClient or SwiftNIO as a ``TransportError`` (or cancellation). Details name error
    /// types and codes only, never the URL, whose query may carry a SAS.
    static func map(_ error: any Error, host: String) -> any Error {
        if error is CancellationError || error is AzureClientError || error is TransportError { return error }
        func transport(_ kind: TransportError.Kind, _ detail: String) -> TransportError {
            TransportError(kind: kind, host: host, detail: detail)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: return CancellationError()
            case .remoteConnectionClosed:
                return transport(
                    .connectionDropped, "the server closed the connection before the response was complete")
            case .readTimeout: return transport(.timedOut, "no data arrived within the read-idle timeout")
            case .deadlineExceeded: return transport(.timedOut, "the request did not complete before its deadline")
            case .writeTimeout: return transport(.timedOut, "the request body could not be written within the timeout")
            case .connectTimeout, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout, .socksHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                return transport(.connectionFailed, "could not connect within the connect timeout (\(error))")
            case .invalidProxyResponse, .proxyAuthenticationRequired:
                return transport(.connectionFailed, "the proxy refused the connection (\(error))")
            case .invalidURL, .emptyHost, .emptyScheme:
                return AzureClientError(.invalidURL, "cannot send a request to '\(host)': \(error)")
            case .bodyLengthMismatch:
                return AzureClientError(.invalidArgument, "the request body's length differs from its declared length")
            default:
                return transport(.connectionDropped, "\(error)")
            }
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return transport(.hostNotFound, "the host name could not be resolved")
            }
            return transport(
                .connectionFailed,
                "could not connect (\(error.connectionErrors.map { "\($0.error)" }.joined(separator: "; ")))")
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH:
                return transport(.connectionFailed, "could not connect (errno \(error.errnoCode))")
            default:
                return transport(.connectionDropped, "the connection failed (errno \(error.errnoCode))")
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return transport(.connectionFailed, "could not connect within the connect timeout")
            default: return transport(.connectionDropped, "the connection closed (\(error))")
            }
        }
        if let error = error as? HTTPParserError {
            // The connection ended before the body's declared length: the parser's view of a mid-body drop.
            if error == .invalidEOFState { return transport(.connectionDropped, "the connection closed mid-response") }
            return transport(.malformedResponse, "the response could not be parsed as HTTP/1.1")
        }
        if let error = error as? NIOSSLError {
            if case .uncleanShutdown = error {
                return transport(.connectionDropped, "the TLS connection closed mid-response")
            }
            return transport(.connectionFailed, "TLS failed: \(error)")
        }
        return transport(.connectionDropped, "\(type(of: error))")
    }
}

/// One HTTPClient per proxy route (direct, or through one proxy server), created on first use; all share
/// SwiftNIO's process-wide event loops.
private final class ClientPool: @unchecked Sendable {
    private let configuration: TransportConfiguration
    // Guarded by `lock`.
    private let lock = NSLock()
    private var clients: [ProxySettings.Server?: HTTPClient] = [:]
    private var isShutDown = false

    init(configuration: TransportConfiguration) { self.configuration = configuration }

    func client(for proxy: ProxySettings.Server?) throws -> HTTPClient {
        try lock.withLock {
            guard !isShutDown else {
                throw AzureClientError(.invalidConfiguration, "the transport was shut down; create a new one")
            }
            if let client = clients[proxy] { return client }
            let client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: try Self.clientConfiguration(configuration, proxy: proxy))
            clients[proxy] = client
            return client
        }
    }

    private func takeAll() -> [HTTPClient] {
        lock.withLock {
            isShutDown = true
            defer { clients.removeAll() }
            return Array(clients.values)
        }
    }

    func shutdown() async throws {
        for client in takeAll() { try await client.shutdown() }
    }

    func shutdownInBackground() {
        for client in takeAll() { client.shutdown { _ in } }
    }

    static func clientConfiguration(_ settings: TransportConfiguration, proxy: ProxySettings.Server?) throws
        -> HTTPClient.Configuration
    {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = settings.caBundlePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw AzureClientError(
                    .invalidConfiguration, "CA bundle '\(path)' (SSL_CERT_FILE or caBundlePath) is not a readable file")
            }
            tls.trustRoots = .file(path)
        }
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: settings.idleConnectionLifetime.timeAmount,
            concurrentHTTP1ConnectionsPerHostSoftLimit: settings.maxConnectionsPerHost)
        // A refused connection fails the request at once; the pipeline's retry policy decides what happens next.
        pool.retryConnectionEstablishment = false
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: settings.connectTimeout.timeAmount, read: settings.readIdleTimeout.timeAmount),
            connectionPool: pool,
            proxy: proxy.map { server in
                .server(
                    host: server.host, port: server.port,
                    authorization: server.credentials.map { .basic(username: $0.user, password: $0.password) })
            },
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        // AsyncHTTPClient would otherwise trace with the global tracer itself, putting the full URL (a SAS
        // signature) on its spans; the pipeline's TracingPolicy traces every attempt, redacted.
        configuration.tracing.tracer = nil
        return configuration
    }
}

/// A request body's chunks as the `ByteBuffer`s AsyncHTTPClient writes, pulled one at a time.
private struct ByteBufferChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: HTTPBody.Chunks

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPBody.Chunks.Iterator
        mutating func next() async throws -> ByteBuffer? { try await base.next().map { ByteBuffer(data: $0) } }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: chunks.makeAsyncIterator()) }
}

/// A response body read from AsyncHTTPClient chunk by chunk (each read asks the socket for more: backpressure),
/// with failures mapped to ``TransportError``.
///
/// AsyncHTTPClient's deadline covers the exchange up to the response head; the body is held to the same
/// deadline here, checked as each chunk arrives (a body that stops arriving is ended by the read-idle timeout).
private struct ResponseChunks: @unchecked Sendable {
    // The body is iterated exactly once, by the stream's unfolding closure, which is never called concurrently.
    let body: HTTPClientResponse.Body
    let host: String
    let deadline: NIODeadline

    func stream() -> HTTPResponseStream {
        let iterator = IteratorBox(body.makeAsyncIterator())
        let host = host
        let deadline = deadline
        return HTTPResponseStream(
            AsyncThrowingStream(unfolding: {
                guard NIODeadline.now() < deadline else {
                    throw TransportError(
                        kind: .timedOut, host: host,
                        detail: "the response body did not complete before the request's deadline")
                }
                do {
                    return try await iterator.next().map { Data(buffer: $0, byteTransferStrategy: .noCopy) }
                } catch {
                    throw AsyncHTTPClientTransport.map(error, host: host)
                }
            }))
    }

    private final class IteratorBox: @unchecked Sendable {
        var iterator: HTTPClientResponse.Body.AsyncIterator
        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) { self.iterator = iterator }
        func next() async throws -> ByteBuffer? { try await iterator.next() }
    }
}

extension Duration {
    /// The same span as SwiftNIO's `TimeAmount`.
    var timeAmount: TimeAmount {
        let parts = components
        return .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}
