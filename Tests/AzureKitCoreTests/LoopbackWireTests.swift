import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal blocking client that writes raw bytes, for framing URLSession never produces. Its blocking reads
/// run on a dispatch thread: blocking a cooperative-pool thread could starve the server's async handler.
struct RawClient: Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            throw TransportError(kind: .connectionFailed, host: "127.0.0.1", detail: "errno \(errno)")
        }
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until `marker` has appeared `count` times, the peer closes, or five seconds pass.
    func read(until marker: String, count: Int = 1) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: blockingRead(until: marker, count: count)) }
        }
    }

    private func blockingRead(until marker: String, count: Int) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while String(decoding: received, as: UTF8.self).components(separatedBy: marker).count - 1 < count {
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got <= 0 { break }
            received += buffer[0..<got]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() { _ = Glibc.close(fd) }
}

@Suite("LoopbackServer wire format")
struct LoopbackWireTests {
    static let echo: LoopbackServer.Handler = { request in
        .respond(status: 200, headers: ["x-body": String(decoding: request.body, as: UTF8.self)], body: Data("ok".utf8))
    }

    @Test func decodesChunkedBodies() async throws {
        try await withLoopbackServer(Self.echo) { server in
            let client = try RawClient(port: server.port)
            defer { client.close() }
            client.write(
                "PUT /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: t\r\n\r\n"
            )
            let answer = await client.read(until: "ok")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(answer.contains("x-body: hello, world\r\n"))
            #expect(server.requests.first?.bodyLength == 12)
        }
    }

    @Test func servesPipelinedRequestsOnOneConnection() async throws {
        try await withLoopbackServer(Self.echo) { server in
            let client = try RawClient(port: server.port)
            defer { client.close() }
            client.write("POST /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\n\r\n")
            let answer = await client.read(until: "ok", count: 2)
            #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            #expect(server.requests.map(\.target) == ["/1", "/2"])
            #expect(server.requests.map(\.sequenceOnConnection) == [1, 2])
            #expect(server.connectionCount == 1)
        }
    }

    @Test func answersExpectContinue() async throws {
        try await withLoopbackServer(Self.echo) { server in
            let client = try RawClient(port: server.port)
            defer { client.close() }
            client.write("PUT /b HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(await client.read(until: "\r\n\r\n").hasPrefix("HTTP/1.1 100 Continue"))
            client.write("data")
            #expect(await client.read(until: "ok").contains("x-body: data"))
        }
    }

    @Test(arguments: [
        "NONSENSE\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: -4\r\n\r\n",
        "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort",
    ])
    func malformedRequestsCloseTheConnectionAndTheServerKeepsServing(raw: String) async throws {
        try await withLoopbackServer(Self.echo) { server in
            let bad = try RawClient(port: server.port)
            bad.write(raw)
            if raw.hasSuffix("short") {
                bad.close()
            } else {
                _ = await bad.read(until: "never appears")
                bad.close()
            }
            let response = try await URLSessionTransport.shared.send(
                HTTPRequest(method: .get, url: server.baseURL), timeout: nil)
            #expect(response.status == 200)
        }
    }
}
