import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The faults an Azure client meets on real networks, against a real socket server, for every transport the SDK
/// ships: one test body each, parameterized over ``ShippedTransport``. Serialized, so that the time bounds and the
/// CPU measurement see this suite's own work only (other suites still run alongside); the bounds are generous for
/// a busy machine and still separate "noticed at once" from "noticed at the read-idle timeout".
@Suite("Transport faults over the loopback server", .serialized)
struct TransportFaultTests {
    /// Timeouts short enough for the timeout tests; no proxy whatever the environment says.
    static let configuration = TransportConfiguration(
        connectTimeout: .seconds(5), readIdleTimeout: .seconds(5), proxy: .direct, caBundlePath: nil)

    func pipeline(
        _ transport: any HTTPTransport, _ profile: ServiceProfile = .testStorage, sleeps: Recorder<Duration>,
        maxRetries: Int = 3
    ) -> Pipeline {
        Pipeline(
            profile: profile, credential: .anonymous,
            options: ServiceClientOptions(
                retry: recordingRetry(maxRetries: maxRetries, sleeps: sleeps), transport: transport))
    }

    static func elapsed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
        let start = ContinuousClock.now
        let value = try await body()
        return (value, ContinuousClock.now - start)
    }

    // MARK: Dropped keep-alive connections

    static let idempotentMethods: [HTTPMethod] = [.get, .head, .put]

    /// The common Azure case: a load balancer closed the idle keep-alive connection and the next request on it
    /// gets no answer. The transport must notice at once and the pipeline retry on a new connection.
    ///
    /// The idle timeout is 60 s here and the bound 20 s, so the test separates "noticed at once" from "noticed at the
    /// idle timeout" and nothing finer: alone the retry takes milliseconds, but at the start of a full parallel test
    /// run on a 2-core machine the cooperative pool was seen starved for 9 s (CPU-heavy kernel suites alongside).
    @Test(arguments: ShippedTransport.allCases, idempotentMethods + [.post])
    func droppedReusedConnectionIsRetriedAtOnce(_ kind: ShippedTransport, method: HTTPMethod) async throws {
        var configuration = Self.configuration
        // (URLSession on Linux waits for this timeout, a known issue, so it keeps the short one.)
        configuration.readIdleTimeout =
            kind.noticesDroppedReusedConnectionAtOnce ? .seconds(60) : Self.configuration.readIdleTimeout
        try await kind.withTransport(configuration) { transport in
            try await withLoopbackServer({ request in
                request.sequenceOnConnection == 2 ? .dropConnection : .respond(status: 200, body: Data("ok".utf8))
            }) { server in
                let url = server.baseURL.appendingPathComponent("c/blob")
                let warmUp = try await transport.send(HTTPRequest(method: .get, url: url), timeout: nil)
                #expect(warmUp.status == 200)
                // AsyncHTTPClient puts the connection back in its pool on its event loop, after `send` returns; on a
                // loaded machine the next request could otherwise open a second connection and never be dropped.
                try await Task.sleep(for: .milliseconds(200))
                let sleeps = Recorder<Duration>()
                // A POST is sent again only when marked safe (Batch's Add Task Collection is).
                let request = HTTPRequest(
                    method: method, url: url, headers: ["Content-Length": "3"],
                    body: .data(Data("abc".utf8)), isMarkedIdempotent: method == .post)
                try await withKnownIssue(
                    "FoundationNetworking (libcurl) notices a dropped reused connection only at its idle timeout, and sometimes fails the retries too",
                    isIntermittent: true
                ) {
                    let (response, took) = try await Self.elapsed {
                        try await pipeline(transport, sleeps: sleeps).send(request, operation: "Drop")
                    }
                    #expect(response.status == 200)
                    #expect(sleeps.values.count == 1, "exactly one retry")
                    #expect(server.requests.count == 3)
                    #expect(
                        server.requests[1].sequenceOnConnection == 2,
                        "the dropped request went over the reused connection")
                    #expect(server.connectionCount == 2)
                    #expect(
                        took < .seconds(20),
                        "\(kind) took \(took) to retry a dropped reused connection (idle timeout 60 s)")
                } when: {
                    !kind.noticesDroppedReusedConnectionAtOnce
                }
            }
        }
    }

    /// azure-core: a POST that may have reached the service is not sent again unless the SDK marks it safe.
    @Test(arguments: ShippedTransport.allCases)
    func unmarkedPostIsNotRetriedAfterADrop(_ kind: ShippedTransport) async throws {
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ request in
                request.sequenceOnConnection == 2 ? .dropConnection : .respond(status: 200)
            }) { server in
                _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
                let sleeps = Recorder<Duration>()
                let request = HTTPRequest(
                    method: .post, url: server.baseURL, headers: ["Content-Length": "2"], body: .data(Data("{}".utf8)))
                let error = await #expect(throws: TransportError.self) {
                    _ = try await pipeline(transport, sleeps: sleeps).send(request, operation: "Post")
                }
                // URLSession on Linux reports the drop only at its idle timeout.
                #expect(
                    error?.kind == .connectionDropped
                        || (!kind.noticesDroppedReusedConnectionAtOnce && error?.kind == .timedOut))
                #expect(server.requestCount == 2)
                #expect(sleeps.values.isEmpty)
            }
        }
    }

    /// A connection that could not be opened carried nothing, so even an unmarked POST is retried.
    @Test(arguments: ShippedTransport.allCases)
    func refusedConnectionIsRetriedForAnyMethodAndFailsFast(_ kind: ShippedTransport) async throws {
        let port = try await withLoopbackServer({ _ in .respond(status: 200) }) { $0.port }  // now closed: refused
        try await kind.withTransport(Self.configuration) { transport in
            let sleeps = Recorder<Duration>()
            let request = HTTPRequest(
                method: .post, url: URL(string: "http://127.0.0.1:\(port)/")!, body: .data(Data("x".utf8)))
            let (error, took) = await Self.elapsed {
                await #expect(throws: TransportError.self) {
                    _ = try await pipeline(transport, sleeps: sleeps, maxRetries: 2).send(request, operation: "Post")
                }
            }
            #expect(error?.kind == .connectionFailed)
            #expect(sleeps.values.count == 2, "a refused connection is retried whatever the method")
            #expect(took < .milliseconds(4500))
        }
    }

    // MARK: Broken responses

    @Test(arguments: ShippedTransport.allCases)
    func connectionClosedMidBodyIsRetried(_ kind: ShippedTransport) async throws {
        let full = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let script = Script<LoopbackAction>([
            .truncated(LoopbackResponse(status: 200, body: full), afterBodyBytes: 70_000),
            .respond(status: 200, body: full),
        ])
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in script.action() }) { server in
                let sleeps = Recorder<Duration>()
                let (response, took) = try await Self.elapsed {
                    try await pipeline(transport, sleeps: sleeps).send(
                        HTTPRequest(method: .get, url: server.baseURL), operation: "Get")
                }
                #expect(response.body == full)
                #expect(sleeps.values.count == 1)
                #expect(took < .milliseconds(4500), "noticed before the 5 s idle timeout")
            }
        }
    }

    @Test(arguments: ShippedTransport.allCases)
    func resetConnectionIsRetried(_ kind: ShippedTransport) async throws {
        let script = Script<LoopbackAction>([.resetConnection, .respond(status: 200, body: Data("ok".utf8))])
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in script.action() }) { server in
                let sleeps = Recorder<Duration>()
                let (response, took) = try await Self.elapsed {
                    try await pipeline(transport, sleeps: sleeps).send(
                        HTTPRequest(method: .get, url: server.baseURL), operation: "Get")
                }
                #expect(response.body == Data("ok".utf8))
                #expect(sleeps.values.count == 1)
                #expect(took < .milliseconds(4500), "noticed before the 5 s idle timeout")
            }
        }
    }

    /// Headers, then silence: the read-idle timeout must end it (not never, and not much later).
    @Test(arguments: ShippedTransport.allCases)
    func headersThenStallFailsOnTheIdleTimeout(_ kind: ShippedTransport) async throws {
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in
                .headersThenStall(LoopbackResponse(status: 200, body: Data(count: 1000)))
            }) { server in
                let sleeps = Recorder<Duration>()
                let (error, took) = await Self.elapsed {
                    await #expect(throws: TransportError.self) {
                        _ = try await pipeline(transport, sleeps: sleeps, maxRetries: 0).send(
                            HTTPRequest(method: .get, url: server.baseURL), operation: "Get")
                    }
                }
                #expect(error?.kind == .timedOut)
                #expect(took >= .seconds(4) && took < Self.configuration.readIdleTimeout + .seconds(4), "took \(took)")
            }
        }
    }

    /// A body arriving slowly but steadily (a byte every 250 ms for 7.5 s) outlives a 5 s read-idle timeout.
    @Test(arguments: ShippedTransport.allCases)
    func slowButSteadyResponseIsNotCutOff(_ kind: ShippedTransport) async throws {
        let body = Data((0..<30).map { UInt8($0) })
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in
                .trickle(LoopbackResponse(status: 200, body: body), chunk: 1, every: .milliseconds(250))
            }) { server in
                let response = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
                #expect(response.body == body)
            }
        }
    }

    /// The per-attempt deadline is separate from the idle timeout: a steady body that takes longer fails.
    @Test(arguments: ShippedTransport.allCases)
    func deadlineEndsASteadyButLongResponse(_ kind: ShippedTransport) async throws {
        let body = Data(count: 40)
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in
                .trickle(LoopbackResponse(status: 200, body: body), chunk: 1, every: .milliseconds(100))
            }) { server in
                let (error, took) = await Self.elapsed {
                    await #expect(throws: TransportError.self) {
                        _ = try await transport.send(
                            HTTPRequest(method: .get, url: server.baseURL), timeout: .seconds(1))
                    }
                }
                #expect(error?.kind == .timedOut)
                #expect(took < .seconds(3), "a 1 s deadline ended the 4 s response after \(took)")
            }
        }
    }

    // MARK: Throttling

    @Test(arguments: ShippedTransport.allCases, [(ServiceProfile.testBatch, 429), (.testStorage, 503)])
    func throttlingHonoursRetryAfter(_ kind: ShippedTransport, throttle: (profile: ServiceProfile, status: Int))
        async throws
    {
        let script = Script<LoopbackAction>([
            .respond(status: throttle.status, headers: ["Retry-After": "2"]), .respond(status: 200),
        ])
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in script.action() }) { server in
                let sleeps = Recorder<Duration>()
                let response = try await pipeline(transport, throttle.profile, sleeps: sleeps)
                    .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Get")
                #expect(response.status == 200)
                #expect(sleeps.values == [.seconds(2)])
                #expect(server.requestCount == 2)
            }
        }
    }

    // MARK: Bodies

    /// A stored `Content-Encoding: gzip` body arrives as stored (only AsyncHTTPClientTransport guarantees it).
    @Test(arguments: ShippedTransport.allCases)
    func contentEncodedBodyArrivesVerbatim(_ kind: ShippedTransport) async throws {
        let stored = Data([
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
            0x86, 0xa6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00,
        ])  // gzip of "hello"
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in
                .respond(status: 200, headers: ["Content-Encoding": "gzip"], body: stored)
            }) { server in
                let response = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
                #expect(
                    server.requests.first?.headers.values(for: "Accept-Encoding").allSatisfy { $0 == "identity" }
                        == true)
                if kind.keepsContentEncodedBodies {
                    #expect(response.body == stored)
                } else {
                    #expect(
                        response.body == Data("hello".utf8),
                        "URLSession decodes gzip; if this changed, update keepsContentEncodedBodies")
                }
            }
        }
    }

    /// A streamed 2xx body arrives in several chunks and reassembles exactly; a drop mid-body surfaces from the
    /// stream (or, for a transport that collects, from `send`) as a dropped connection.
    @Test(arguments: ShippedTransport.allCases)
    func streamedResponseDeliversChunksAndReportsAMidBodyDrop(_ kind: ShippedTransport) async throws {
        let full = Data((0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let script = Script<LoopbackAction>([
            .respond(status: 200, body: full),
            .truncated(LoopbackResponse(status: 200, body: full), afterBodyBytes: 1 << 20),
        ])
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer(recordsBodies: false, { _ in script.action() }) { server in
                let request = HTTPRequest(method: .get, url: server.baseURL, streamsResponse: true)
                let response = try await transport.send(request, timeout: nil)
                var received = Data()
                var chunks = 0
                for try await chunk in response.bodyChunks() {
                    received.append(chunk)
                    chunks += 1
                }
                #expect(received == full)
                if kind == .asyncHTTPClient { #expect(response.stream != nil && chunks > 1) }

                let error = await #expect(throws: TransportError.self) {
                    let truncated = try await transport.send(request, timeout: nil)
                    for try await _ in truncated.bodyChunks() {}
                }
                #expect(error?.kind == .connectionDropped)
            }
        }
    }

    /// A one-shot body cannot be sent again: a transient failure says so instead of retrying or hiding the cause.
    @Test(arguments: ShippedTransport.allCases)
    func oneShotBodyRefusesToRetryWithAClearError(_ kind: ShippedTransport) async throws {
        let script = Script<LoopbackAction>([.resetConnection, .respond(status: 201)])
        try await kind.withTransport(Self.configuration) { transport in
            try await withLoopbackServer({ _ in script.action() }) { server in
                let chunks = AsyncStream<Data> { continuation in
                    continuation.yield(Data("one-".utf8))
                    continuation.yield(Data("shot".utf8))
                    continuation.finish()
                }
                let request = HTTPRequest(method: .put, url: server.baseURL, body: .oneShot(length: 8, chunks: chunks))
                let sleeps = Recorder<Duration>()
                let error = await #expect(throws: AzureClientError.self) {
                    _ = try await pipeline(transport, sleeps: sleeps).send(request, operation: "Blob_Upload")
                }
                #expect(error?.kind == .bodyNotReplayable)
                #expect(error?.message.contains("one-shot") == true)
                #expect(server.requestCount <= 1)
            }
        }
    }

    // MARK: Waiting costs nothing

    /// The process's user plus system CPU time.
    static func processCPUTime() -> Duration {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func duration(_ time: timeval) -> Duration { .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec)) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    /// A request blocked on a server that never answers keeps the process's CPU time near zero for the wait
    /// (`getrusage` before and after).
    @Test(arguments: ShippedTransport.allCases)
    func blockedRequestKeepsCPUNearZero(_ kind: ShippedTransport) async throws {
        let configuration = TransportConfiguration(readIdleTimeout: .seconds(30), proxy: .direct, caBundlePath: nil)
        try await kind.withTransport(configuration) { transport in
            try await withLoopbackServer({ _ in .stall }) { server in
                let wait = Duration.seconds(3)
                let before = Self.processCPUTime()
                await #expect(throws: TransportError.self) {
                    _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: wait)
                }
                let used = Self.processCPUTime() - before
                // A spinning event loop burns most of a core (about 2.5 s of the 3 s); an idle wait costs
                // milliseconds. The bound leaves room for other test targets running meanwhile.
                withKnownIssue("FoundationNetworking (libcurl) spins a core while a request waits") {
                    #expect(used < .milliseconds(900), "\(kind) used \(used) of CPU while waiting \(wait)")
                } when: {
                    !kind.waitsWithoutSpinning
                }
            }
        }
    }
}
