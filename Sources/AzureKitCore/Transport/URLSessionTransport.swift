import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `URLSession` as a transport: the default on Apple platforms, an explicit option on Linux (where
/// FoundationNetworking runs it on libcurl).
///
/// On Linux it has known limits, which is why ``AsyncHTTPClientTransport`` is the default there: a keep-alive
/// connection the server closed is noticed only when the read-idle timeout fires (with the process spinning
/// meanwhile), a body with `Content-Encoding` is always decoded, and bodies are collected in memory in both
/// directions. Of ``TransportConfiguration`` it honours ``TransportConfiguration/readIdleTimeout`` (URLSession's
/// own timeout is an idle timeout, in whole seconds), ``TransportConfiguration/requestDeadline`` and
/// ``TransportConfiguration/maxConnectionsPerHost``; the connect timeout is part of the idle timeout, and proxy
/// and CA settings are whatever URLSession itself reads (on Linux, libcurl reads `https_proxy`/`no_proxy`).
///
/// ```swift
/// let transport = URLSessionTransport(configuration: .init(readIdleTimeout: .seconds(30)))
/// let options = ServiceClientOptions(transport: transport)
/// ```
public struct URLSessionTransport: HTTPTransport {
    /// A process-wide transport that is never shut down, so clients can be plain values.
    public static let shared = URLSessionTransport()

    private let session: URLSession
    public let configuration: TransportConfiguration

    public init(configuration: TransportConfiguration = .init()) {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpMaximumConnectionsPerHost = configuration.maxConnectionsPerHost
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.urlCache = nil
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.httpShouldSetCookies = false
        self.session = URLSession(configuration: sessionConfiguration)
        self.configuration = configuration
    }

    public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        guard let deadline = timeout ?? configuration.requestDeadline else { return try await exchange(request) }
        let host = request.url.host ?? "unknown host"
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await exchange(request) }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw TransportError(
                    kind: .timedOut, host: host, detail: "the request did not complete before its deadline")
            }
            return response
        }
    }

    private func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
        let host = request.url.host ?? "unknown host"
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = Self.sessionTimeout(configuration.readIdleTimeout)
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        // Without this, libcurl asks for gzip/br/zstd and a server or proxy may compress in transit. (A resource
        // *stored* with `Content-Encoding`, such as a gzip blob, is still decoded by FoundationNetworking on
        // Linux, which always enables libcurl's decoding; see the pipeline article.)
        if request.headers["Accept-Encoding"] == nil {
            urlRequest.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        }
        let body = try await request.body.collect()
        if !body.isEmpty || request.method == .put || request.method == .post || request.method == .patch {
            urlRequest.httpBody = body
            // URLSession would otherwise add `Content-Type: application/x-www-form-urlencoded` to a body without
            // one, which the Shared Key signature (computed without it) would not cover.
            if request.headers["Content-Type"] == nil { urlRequest.setValue("", forHTTPHeaderField: "Content-Type") }
        }
        try Task.checkCancellation()

        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.map(error, host: host))
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        continuation.resume(
                            throwing: TransportError(
                                kind: .malformedResponse, host: host, detail: "the response is not HTTP"))
                        return
                    }
                    var headers = HTTPHeaders()
                    for (name, value) in http.allHeaderFields {
                        headers.add(name: String(describing: name), value: String(describing: value))
                    }
                    continuation.resume(
                        returning: HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// URLSession's timeout is an idle timeout (no bytes for that long), not a deadline for the whole transfer,
    /// so a large upload on a slow link is not cut off. On Linux it works in whole seconds (a sub-second value
    /// fires at once), so it is rounded up to at least one second.
    static func sessionTimeout(_ timeout: Duration) -> TimeInterval {
        max(1, timeout.timeInterval.rounded(.up))
    }

    private static func map(_ error: any Error, host: String) -> any Error {
        guard let urlError = error as? URLError else {
            // Only the type: an arbitrary error's description might quote the URL and its SAS.
            return TransportError(kind: .connectionDropped, host: host, detail: "\(type(of: error))")
        }
        switch urlError.code {
        case .cancelled: return CancellationError()
        case .timedOut: return TransportError(kind: .timedOut, host: host, detail: "the request timed out")
        case .cannotFindHost, .dnsLookupFailed:
            return TransportError(kind: .hostNotFound, host: host, detail: "the host name could not be resolved")
        case .networkConnectionLost:
            return TransportError(kind: .connectionDropped, host: host, detail: "the connection was lost")
        case .badServerResponse:
            // libcurl reports "empty reply from server" (a connection closed before any response) this way.
            return TransportError(
                kind: .connectionDropped, host: host,
                detail:
                    "the server closed the connection without a complete response (URLError \(urlError.code.rawValue))")
        case .unknown where urlError.localizedDescription.contains("closed"):
            // libcurl's CURLE_PARTIAL_FILE: "transfer closed with N bytes remaining to read" (a truncated body).
            return TransportError(
                kind: .connectionDropped, host: host,
                detail: "the connection closed mid-response: \(urlError.localizedDescription)")
        case .cannotParseResponse:
            return TransportError(kind: .malformedResponse, host: host, detail: "the response could not be parsed")
        case .cannotConnectToHost, .notConnectedToInternet, .secureConnectionFailed, .serverCertificateUntrusted,
            .serverCertificateHasBadDate, .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return TransportError(
                kind: .connectionFailed, host: host, detail: "could not connect (URLError \(urlError.code.rawValue))")
        default:
            return TransportError(
                kind: .connectionDropped, host: host,
                detail: "URLError \(urlError.code.rawValue): \(urlError.localizedDescription)")
        }
    }
}

/// Holds the data task so the cancellation handler, which may run on another thread, can cancel it.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func set(_ task: URLSessionDataTask) {
        lock.lock()
        defer { lock.unlock() }
        self.task = task
        if cancelled { task.cancel() }
    }

    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        task?.cancel()
    }
}
