import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@Suite("LoopbackServer over real sockets")
struct LoopbackServerTests {
    let transport = URLSessionTransport(configuration: .init(readIdleTimeout: .seconds(10)))

    @Test func answersAndCountsRequests() async throws {
        try await withLoopbackServer({ request in
            .respond(status: 201, headers: ["x-ms-request-id": "r-1"], body: Data("hello \(request.path)".utf8))
        }) { server in
            let response = try await transport.send(
                HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("pools")), timeout: nil)
            #expect(response.status == 201)
            #expect(String(decoding: response.body, as: UTF8.self) == "hello /pools")
            #expect(response.headers["x-ms-request-id"] == "r-1")
            #expect(server.requestCount == 1)
            #expect(server.requests.first?.method == .get)
        }
    }

    @Test func keepsConnectionsAlive() async throws {
        try await withLoopbackServer({ _ in .respond(status: 200) }) { server in
            for _ in 0..<3 {
                _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
            }
            #expect(server.requestCount == 3)
            #expect(server.connectionCount < 3)
            #expect(server.requests.map(\.sequenceOnConnection).max() ?? 0 > 1)
        }
    }

    @Test func echoesLargeBodiesBothWays() async throws {
        let size = 16 << 20
        var bytes = [UInt8](repeating: 0, count: size)
        for index in stride(from: 0, to: size, by: 4096) { bytes[index] = UInt8(truncatingIfNeeded: index >> 12) }
        let payload = Data(bytes)
        try await withLoopbackServer(
            recordsBodies: false,
            { request in
                .respond(status: 200, body: request.body)
            }
        ) { server in
            let request = HTTPRequest(
                method: .put, url: server.baseURL.appendingPathComponent("blob"), body: .data(payload))
            let response = try await transport.send(request, timeout: nil)
            #expect(response.body.count == size)
            #expect(response.body == payload)
            #expect(server.requests.first?.bodyLength == size)
            #expect(server.requests.first?.body.isEmpty == true)
        }
    }

    @Test func servesManyConcurrentConnections() async throws {
        try await withLoopbackServer({ request in
            .respond(after: .milliseconds(20), LoopbackResponse(status: 200, body: Data(request.path.utf8)))
        }) { server in
            let paths = (0..<32).map { "/item-\($0)" }
            let bodies = try await paths.concurrentMap(maxConcurrent: 16) { path in
                try await transport.send(
                    HTTPRequest(method: .get, url: URL(string: server.baseURL.absoluteString + path)!), timeout: nil
                ).body
            }
            #expect(bodies.map { String(decoding: $0, as: UTF8.self) } == paths)
            #expect(server.requestCount == 32)
            #expect(server.peakConcurrentRequests <= 16)
            #expect(server.peakConcurrentRequests > 1)
        }
    }

    @Test func droppedConnectionBecomesTransportError() async throws {
        try await withLoopbackServer({ _ in .dropConnection }) { server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: .seconds(5))
            }
            #expect(error?.kind == .connectionDropped)
            #expect(error?.host == "127.0.0.1")
        }
    }

    @Test func truncatedBodyBecomesTransportError() async throws {
        try await withLoopbackServer({ _ in
            .truncated(LoopbackResponse(status: 200, body: Data(repeating: 7, count: 10_000)), afterBodyBytes: 100)
        }) { server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: .seconds(5))
            }
            #expect(error?.kind == .connectionDropped, "\(String(describing: error))")
        }
    }

    @Test func stallBecomesTimeout() async throws {
        try await withLoopbackServer({ _ in .stall }) { server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: .seconds(1))
            }
            #expect(error?.kind == .timedOut)
        }
    }

    @Test func handlerErrorBecomes500() async throws {
        struct Boom: Error {}
        try await withLoopbackServer({ _ in throw Boom() }) { server in
            let response = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
            #expect(response.status == 500)
        }
    }

    @Test func chunkedAndHeadRequests() async throws {
        try await withLoopbackServer({ request in
            .respond(status: 200, headers: ["x-len": String(request.bodyLength)], body: Data("abcdef".utf8))
        }) { server in
            let head = try await transport.send(HTTPRequest(method: .head, url: server.baseURL), timeout: nil)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            let post = try await transport.send(
                HTTPRequest(method: .post, url: server.baseURL, body: .data(Data("12345".utf8))), timeout: nil)
            #expect(post.headers["x-len"] == "5")
        }
    }

    @Test func shutdownEndsStalledConnections() async throws {
        let server = try await LoopbackServer { _ in .stall }
        let task = Task {
            try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: .seconds(30))
        }
        while server.requestCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
        await server.shutdown()
        await #expect(throws: TransportError.self) { _ = try await task.value }
    }
}

@Suite("Transports send exactly the pipeline's headers")
struct TransportHeaderTests {
    static let cases = ShippedTransport.allCases.flatMap { kind in [HTTPMethod.put, .post].map { (kind, $0) } }

    @Test(arguments: cases)
    func addsNoContentTypeAndOneContentLength(kind: ShippedTransport, method: HTTPMethod) async throws {
        try await kind.withTransport { transport in
            try await withLoopbackServer({ _ in .respond(status: 201) }) { server in
                let request = HTTPRequest(
                    method: method, url: server.baseURL, headers: ["Content-Length": "3"], body: .data(Data("abc".utf8))
                )
                _ = try await transport.send(request, timeout: nil)
                let received = try #require(server.requests.first)
                #expect(received.headers.values(for: "Content-Type").allSatisfy { $0.isEmpty }, "\(received.headers)")
                #expect(received.headers.values(for: "Content-Length") == ["3"])
                #expect(received.body == Data("abc".utf8))
            }
        }
    }

    @Test(arguments: ShippedTransport.allCases)
    func emptyPutSendsContentLengthZero(kind: ShippedTransport) async throws {
        try await kind.withTransport { transport in
            try await withLoopbackServer({ _ in .respond(status: 201) }) { server in
                let request = HTTPRequest(method: .put, url: server.baseURL, headers: ["Content-Length": "0"])
                _ = try await transport.send(request, timeout: nil)
                let received = try #require(server.requests.first)
                #expect(received.headers.values(for: "Content-Length") == ["0"])
                #expect(received.headers.values(for: "Content-Type").allSatisfy { $0.isEmpty }, "\(received.headers)")
            }
        }
    }

    /// A file body is streamed from disk (in chunks, read as sent) and arrives byte for byte; each attempt reads
    /// the file again, so it can be retried.
    @Test(arguments: ShippedTransport.allCases)
    func fileBodyIsStreamedAndReplayable(kind: ShippedTransport) async throws {
        let bytes = Data((0..<(3 * HTTPBody.chunkSize + 123)).map { UInt8(truncatingIfNeeded: $0 &* 131) })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("body-\(UUID().uuidString).bin")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let body = try HTTPBody.file(at: url, offset: 100, length: Int64(bytes.count - 200))
        #expect(body.isReplayable && body.knownLength == bytes.count - 200)
        try await kind.withTransport { transport in
            try await withLoopbackServer({ _ in .respond(status: 201) }) { server in
                for _ in 0..<2 {
                    let request = HTTPRequest(
                        method: .put, url: server.baseURL, headers: ["Content-Length": String(bytes.count - 200)],
                        body: body)
                    _ = try await transport.send(request, timeout: nil)
                }
                #expect(
                    server.requests.map(\.body)
                        == [bytes.dropFirst(100).dropLast(100), bytes.dropFirst(100).dropLast(100)].map { Data($0) })
            }
        }
        #expect(throws: AzureClientError.self) {
            _ = try HTTPBody.file(at: url, offset: 10, length: Int64(bytes.count))
        }
    }
}
