import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

/// Retry behaviour end to end: real sockets, URLSession, the full pipeline.
@Suite("Retry over the loopback server")
struct RetryLoopbackTests {
    static let transport = URLSessionTransport(configuration: .init(readIdleTimeout: .seconds(10)))

    func pipeline(
        _ profile: ServiceProfile, retry: RetryOptions, credential: ServiceCredential = .anonymous,
        timeout: Duration? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) -> Pipeline {
        Pipeline(
            profile: profile, credential: credential,
            options: ServiceClientOptions(retry: retry, transport: Self.transport, timeout: timeout), now: now)
    }

    @Test func retriesTransientStatusWithFreshDateSameClientIDAndIdenticalBody() async throws {
        let script = Script<LoopbackAction>([.respond(status: 500), .respond(status: 503), .respond(status: 201)])
        try await withLoopbackServer({ _ in script.action() }) { server in
            let sleeps = Recorder<Duration>()
            let payload = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let request = HTTPRequest(
                method: .put, url: server.baseURL.appendingPathComponent("c/blob"),
                body: .replayable(length: payload.count) { payload })
            let response = try await pipeline(
                .testStorage, retry: recordingRetry(sleeps: sleeps), now: SteppingClock().now
            )
            .send(request, operation: "Blob_Upload")
            #expect(response.status == 201)
            let received = server.requests
            #expect(received.count == 3)
            #expect(received.allSatisfy { $0.body == payload })
            #expect(received.allSatisfy { $0.headers["Content-Length"] == String(payload.count) })
            #expect(Set(received.compactMap { $0.headers["x-ms-client-request-id"] }).count == 1)
            let dates = received.compactMap { $0.headers["x-ms-date"] }
            #expect(dates.count == 3 && Set(dates).count == 3)
            #expect(dates.allSatisfy { HTTPDate.parse($0) != nil })
            #expect(sleeps.values.count == 2)
        }
    }

    @Test func honoursRetryAfterSecondsOnBatch429() async throws {
        let script = Script<LoopbackAction>([
            .respond(status: 429, headers: ["Retry-After": "7"]), .respond(status: 200),
        ])
        try await withLoopbackServer({ _ in script.action() }) { server in
            let sleeps = Recorder<Duration>()
            let response = try await pipeline(.testBatch, retry: recordingRetry(sleeps: sleeps))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Pool_Get")
            #expect(response.status == 200)
            #expect(sleeps.values == [.seconds(7)])
        }
    }

    @Test func storageDoesNotRetry429() async throws {
        try await withLoopbackServer({ _ in .respond(status: 429, headers: ["Retry-After": "1"]) }) { server in
            let sleeps = Recorder<Duration>()
            let response = try await pipeline(.testStorage, retry: recordingRetry(sleeps: sleeps))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Blob_Get")
            #expect(response.status == 429)
            #expect(server.requestCount == 1)
            #expect(sleeps.values.isEmpty)
        }
    }

    @Test func honoursRetryAfterMilliseconds() async throws {
        let script = Script<LoopbackAction>([
            .respond(status: 503, headers: ["x-ms-retry-after-ms": "1500"]), .respond(status: 200),
        ])
        try await withLoopbackServer({ _ in script.action() }) { server in
            let sleeps = Recorder<Duration>()
            _ = try await pipeline(.testStorage, retry: recordingRetry(sleeps: sleeps))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Blob_Get")
            #expect(sleeps.values == [.milliseconds(1500)])
        }
    }

    @Test(arguments: [400, 401, 403, 404, 409, 412])
    func neverRetriesClientErrors(status: Int) async throws {
        for profile in [ServiceProfile.testStorage, .testBatch] {
            try await withLoopbackServer({ _ in .respond(status: status) }) { server in
                let sleeps = Recorder<Duration>()
                let response = try await pipeline(profile, retry: recordingRetry(sleeps: sleeps))
                    .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Get")
                #expect(response.status == status)
                #expect(server.requestCount == 1, "\(profile.module)")
                #expect(sleeps.values.isEmpty)
            }
        }
    }

    @Test func stopsAfterMaxRetries() async throws {
        try await withLoopbackServer({ _ in .respond(status: 503) }) { server in
            let sleeps = Recorder<Duration>()
            let response = try await pipeline(.testBatch, retry: recordingRetry(maxRetries: 2, sleeps: sleeps))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Pool_Get")
            #expect(response.status == 503)
            #expect(server.requestCount == 3)
            #expect(sleeps.values.count == 2)
        }
    }

    @Test func neverRetriesAOneShotBody() async throws {
        try await withLoopbackServer({ _ in .respond(status: 503) }) { server in
            let sleeps = Recorder<Duration>()
            let body = HTTPBody.oneShot(length: 5) { Data("hello".utf8) }
            let response = try await pipeline(.testStorage, retry: recordingRetry(sleeps: sleeps))
                .send(HTTPRequest(method: .put, url: server.baseURL, body: body), operation: "Blob_Upload")
            #expect(response.status == 503)
            #expect(server.requestCount == 1)
            #expect(server.requests.first?.body == Data("hello".utf8))
            #expect(sleeps.values.isEmpty)
        }
    }

    @Test func retriesDroppedConnection() async throws {
        let script = Script<LoopbackAction>([.dropConnection, .respond(status: 200, body: Data("ok".utf8))])
        try await withLoopbackServer({ _ in script.action() }) { server in
            let sleeps = Recorder<Duration>()
            let response = try await pipeline(.testStorage, retry: recordingRetry(sleeps: sleeps))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Blob_Get")
            #expect(response.body == Data("ok".utf8))
            #expect(sleeps.values.count == 1)
            #expect(server.requestCount >= 2)
        }
    }

    @Test func retriesTruncatedBody() async throws {
        let full = Data(repeating: 42, count: 50_000)
        let script = Script<LoopbackAction>([
            .truncated(LoopbackResponse(status: 200, body: full), afterBodyBytes: 1000),
            .respond(status: 200, body: full),
        ])
        try await withLoopbackServer({ _ in script.action() }) { server in
            let sleeps = Recorder<Duration>()
            let response = try await pipeline(.testBatch, retry: recordingRetry(sleeps: sleeps))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "File_Get")
            #expect(response.body == full)
            #expect(sleeps.values.count == 1)
        }
    }

    @Test func retriesStallAfterTimeout() async throws {
        let script = Script<LoopbackAction>([.stall, .respond(status: 200)])
        try await withLoopbackServer({ _ in script.action() }) { server in
            let sleeps = Recorder<Duration>()
            let response = try await pipeline(.testBatch, retry: recordingRetry(sleeps: sleeps), timeout: .seconds(1))
                .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Pool_Get")
            #expect(response.status == 200)
            #expect(sleeps.values.count == 1)
        }
    }

    @Test func exhaustedTransportFailuresThrowTransportError() async throws {
        try await withLoopbackServer({ _ in .dropConnection }) { server in
            let sleeps = Recorder<Duration>()
            let error = await #expect(throws: TransportError.self) {
                _ = try await pipeline(.testStorage, retry: recordingRetry(maxRetries: 1, sleeps: sleeps))
                    .send(HTTPRequest(method: .get, url: server.baseURL), operation: "Blob_Get")
            }
            #expect(error?.kind == .connectionDropped)
            #expect(sleeps.values.count == 1)
        }
    }

    @Test func cancellationStopsWaitingAtOnce() async throws {
        try await withLoopbackServer({ _ in .respond(status: 503, headers: ["Retry-After": "3600"]) }) { server in
            let retry = RetryOptions(maxRetries: 3, maxDelay: .seconds(3600))
            let pipeline = pipeline(.testBatch, retry: retry)
            let task = Task {
                try await pipeline.send(HTTPRequest(method: .get, url: server.baseURL), operation: "Pool_Get")
            }
            while server.requestCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            task.cancel()
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            #expect(server.requestCount == 1)
        }
    }

    @Test func cancellationStopsAStalledRequest() async throws {
        try await withLoopbackServer({ _ in .stall }) { server in
            let pipeline = pipeline(.testBatch, retry: .init(maxRetries: 3))
            let task = Task {
                try await pipeline.send(HTTPRequest(method: .get, url: server.baseURL), operation: "Pool_Get")
            }
            while server.requestCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            task.cancel()
            await #expect(throws: CancellationError.self) { _ = try await task.value }
        }
    }
}
