import AzureKitCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests that need real sockets: the
/// URLSession transport, timeouts, dropped connections, truncated bodies, retries, latency.
///
/// Each connection gets its own thread (blocking POSIX I/O, no event loop), so slow or stalled handlers never
/// hold up other connections. Keep-alive, `Content-Length` and chunked request bodies, and
/// `Expect: 100-continue` are supported; bodies move in large chunks, so 64 MiB transfers are cheap.
///
/// The handler runs on the connection's own thread (a task with a ``ConnectionThreadExecutor`` preference), so
/// it answers on time even while other tests keep Swift's cooperative pool busy.
///
/// ```swift
/// let server = try await LoopbackServer { request in
///     request.path == "/slow" ? .respond(after: .milliseconds(20), .init(status: 200)) : .respond(status: 404)
/// }
/// defer { Task { await server.shutdown() } }     // or use withLoopbackServer
/// let url = server.baseURL.appending(path: "slow")
/// ...
/// #expect(server.requestCount == 1)
/// await server.shutdown()
/// ```
public final class LoopbackServer: @unchecked Sendable {
    /// Decides what to do with each request; called concurrently from many connections.
    public typealias Handler = @Sendable (LoopbackRequest) async throws -> LoopbackAction

    /// `http://127.0.0.1:<port>` (no trailing slash).
    public let baseURL: URL
    public let port: Int
    /// Whether ``requests`` keeps request bodies (turn off for large benchmark transfers).
    public let recordsBodies: Bool

    private let handler: Handler
    private let listenFD: Int32
    // Guarded by `condition`: lifecycle, open connections, running threads and the request log.
    private let condition = NSCondition()
    private var shuttingDown = false
    private var openFDs: Set<Int32> = []
    private var runningThreads = 0
    private var log: [LoopbackRequest] = []
    private var connections = 0
    private var inFlight = 0
    private var peakInFlight = 0

    /// Starts listening at once; stop with ``shutdown()``.
    /// - Parameters:
    ///   - recordsBodies: keep request bodies in ``requests`` (the handler always gets them).
    ///   - handler: what to do with each request; a thrown error becomes a 500 whose body is the error text.
    public convenience init(recordsBodies: Bool = true, handler: @escaping Handler) async throws {
        try self.init(recordsBodies: recordsBodies, replayer: nil, handler: handler)
    }

    init(recordsBodies: Bool, replayer: FixtureReplayer?, handler: @escaping Handler) throws {
        self.handler = handler
        self.fixtureReplayer = replayer
        self.recordsBodies = recordsBodies
        let (fd, port) = try Self.listen()
        self.listenFD = fd
        self.port = port
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        startThread { [self] in acceptLoop() }
    }

    /// Serves `fixture` with the same matching rules as ``FixtureTransport`` (hosts are not compared: every
    /// request arrives at 127.0.0.1). A request that matches nothing is answered with status 599 and the diff in
    /// the body, and is reported by ``assertAllUsed()``-style checks on ``replayer``.
    public convenience init(fixture: Fixture, matcher: RequestMatcher = .init()) async throws {
        let replayer = FixtureReplayer(fixture: fixture, matcher: matcher.ignoringHost())
        try self.init(recordsBodies: true, replayer: replayer) { request in
            guard let http = request.httpRequest(origin: URL(string: "http://127.0.0.1")!) else {
                return .respond(
                    status: FixtureReplayer.mismatchStatus,
                    body: Data("unparseable request target \(request.target)".utf8))
            }
            do {
                let response = try replayer.answer(http, body: request.body)
                return .respond(status: response.status, headers: response.headers, body: response.body)
            } catch {
                return .respond(
                    status: FixtureReplayer.mismatchStatus,
                    headers: [FixtureReplayer.mismatchHeader: "1"], body: Data(String(describing: error).utf8))
            }
        }
    }

    /// The fixture being served by a server made with ``init(fixture:matcher:)``.
    public let fixtureReplayer: FixtureReplayer?

    /// How many requests have been received (fully read, before the handler acted).
    public var requestCount: Int { condition.withLock { log.count } }

    /// How many connections have been accepted.
    public var connectionCount: Int { condition.withLock { connections } }

    /// Every request received, in arrival order (bodies empty when ``recordsBodies`` is off).
    public var requests: [LoopbackRequest] { condition.withLock { log } }

    /// The most requests that were being handled at the same moment (from fully read until answered), e.g. to
    /// check a client's concurrency limit.
    public var peakConcurrentRequests: Int { condition.withLock { peakInFlight } }

    func beginRequest() {
        condition.withLock {
            inFlight += 1
            peakInFlight = max(peakInFlight, inFlight)
        }
    }

    func endRequest() { condition.withLock { inFlight -= 1 } }

    /// Stops accepting, closes every connection (ending stalls and delays), and waits up to five seconds for
    /// connection threads to finish. Safe to call twice.
    public func shutdown() async {
        let alreadyDown = condition.withLock { () -> Bool in
            defer { shuttingDown = true }
            if shuttingDown { return true }
            for fd in openFDs { _ = shutdownSocket(fd, Int32(SHUT_RDWR)) }
            return false
        }
        if !alreadyDown {
            _ = shutdownSocket(listenFD, Int32(SHUT_RDWR))
            close(listenFD)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [self] in
                let deadline = Date().addingTimeInterval(5)
                condition.lock()
                while runningThreads > 0, condition.wait(until: deadline) {}
                condition.unlock()
                continuation.resume()
            }
        }
    }

    var isShuttingDown: Bool { condition.withLock { shuttingDown } }

    func handle(_ request: LoopbackRequest) -> LoopbackAction {
        condition.withLock {
            var logged = request
            if !recordsBodies { logged.body = Data() }
            log.append(logged)
        }
        let result = BlockingResult<LoopbackAction>()
        let handler = self.handler
        let answer: @Sendable () async -> Void = {
            do {
                result.set(try await handler(request))
            } catch {
                result.set(.respond(status: 500, body: Data("loopback handler failed: \(error)".utf8)))
            }
        }
        if #available(macOS 15.0, *) {
            // The handler runs on this connection thread (see ConnectionThreadExecutor), not on the shared pool.
            let executor = ConnectionThreadExecutor()
            Task(executorPreference: executor) {
                await answer()
                executor.wake()
            }
            executor.run(until: { result.isSet })
        } else {
            Task { await answer() }
        }
        return result.wait()
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return  // listening socket closed by shutdown()
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let accepted = condition.withLock { () -> Bool in
                guard !shuttingDown else { return false }
                openFDs.insert(fd)
                connections += 1
                return true
            }
            guard accepted else {
                close(fd)
                return
            }
            startThread { [self] in
                LoopbackConnection(stream: SocketStream(fd: fd), server: self).run()
                condition.withLock { _ = openFDs.remove(fd) }
                close(fd)
            }
        }
    }

    private func startThread(_ body: @escaping @Sendable () -> Void) {
        condition.withLock { runningThreads += 1 }
        let thread = Thread { [self] in
            body()
            condition.withLock {
                runningThreads -= 1
                condition.broadcast()
            }
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }

    /// A listening socket on a port no earlier loopback server of this process had. A client's connection pool may
    /// still hold a keep-alive connection to an earlier server on a reused port; a request sent on it is reset by
    /// the closed socket (ECONNRESET) instead of reaching the new server, which failed tests that send without the
    /// pipeline's retry.
    private static func listen() throws -> (Int32, Int) {
        var rejected: [Int32] = []
        defer { rejected.forEach { close($0) } }
        for _ in 0..<64 {
            let (fd, port) = try listenOnAnyPort()
            if portsHandedOut.claim(port) { return (fd, port) }
            rejected.append(fd)  // kept open until a fresh port is found, so the next bind cannot return it
        }
        throw FixtureError(message: "loopback server: no port unused by earlier servers after 64 attempts")
    }

    private static let portsHandedOut = PortLedger()

    private static func listenOnAnyPort() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureError(message: "loopback server: socket() failed, errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listenSocket(fd, 512) == 0 else {
            let code = errno
            close(fd)
            throw FixtureError(message: "loopback server: cannot listen on 127.0.0.1, errno \(code)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw FixtureError(message: "loopback server: getsockname failed, errno \(errno)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

#if canImport(Glibc)
    private let shutdownSocket = Glibc.shutdown
    private let listenSocket = Glibc.listen
#elseif canImport(Darwin)
    private let shutdownSocket = Darwin.shutdown
    private let listenSocket = Darwin.listen
#endif

/// Runs `body` with a started server and always shuts it down afterwards.
///
/// ```swift
/// try await withLoopbackServer({ _ in .respond(status: 204) }) { server in
///     _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
/// }
/// ```
public func withLoopbackServer<T: Sendable>(
    recordsBodies: Bool = true, _ handler: @escaping LoopbackServer.Handler,
    _ body: (LoopbackServer) async throws -> T
) async throws -> T {
    let server = try await LoopbackServer(recordsBodies: recordsBodies, handler: handler)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Hands a value from an async task to a blocked connection thread (which is not a cooperative-pool thread,
/// so blocking it is fine).
private final class BlockingResult<Value: Sendable>: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var value: Value?

    private let lock = NSLock()
    private var hasValue = false

    func set(_ value: Value) {
        lock.withLock {
            self.value = value
            hasValue = true
        }
        semaphore.signal()
    }

    var isSet: Bool { lock.withLock { hasValue } }

    func wait() -> Value {
        semaphore.wait()
        guard let value = lock.withLock({ value }) else { preconditionFailure("signalled without a value") }
        return value
    }
}

/// The ports loopback servers of this process have listened on.
private final class PortLedger: @unchecked Sendable {
    // Guarded by `lock`.
    private var ports = Set<Int>()
    private let lock = NSLock()

    /// Records `port`; false when it was recorded before.
    func claim(_ port: Int) -> Bool { lock.withLock { ports.insert(port).inserted } }
}
