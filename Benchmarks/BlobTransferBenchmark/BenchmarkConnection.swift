import ArgumentParser
import AzureBlobKitTesting
import AzureKitCore
import AzureKitTesting
import Foundation

/// Where the benchmark's client sends requests: the in-memory store in a child process or in this one behind a
/// LoopbackServer (real sockets, AsyncHTTPClient or URLSession), or in process without HTTP (the engine alone).
/// The store holds `bench/download.bin` (synthetic, `sizeMiB`) and discards uploaded bytes.
struct BenchmarkConnection {
    let baseURL: String
    let transport: any HTTPTransport
    let shutdown: @Sendable () async -> Void

    static func make(_ kind: String, httpClient: String, sizeMiB: Int) async throws -> BenchmarkConnection {
        func socketTransport() throws -> any HTTPTransport {
            switch httpClient {
            case "asynchttpclient": return AsyncHTTPClientTransport.shared
            case "urlsession": return URLSessionTransport.shared
            default:
                throw ValidationError("unknown HTTP client '\(httpClient)' (expected asynchttpclient or urlsession)")
            }
        }
        func store() -> InMemoryBlobStore {
            let store = InMemoryBlobStore(discardsUploadedBytes: true)
            store.putSynthetic(container: "bench", name: "download.bin", length: sizeMiB << 20)
            return store
        }
        switch kind {
        case "server-process":
            let transport = try socketTransport()
            let server = try ServerProcess(sizeMiB: sizeMiB)
            return BenchmarkConnection(
                baseURL: "http://127.0.0.1:\(server.port)", transport: transport,
                shutdown: { server.stop() })
        case "loopback":
            let transport = try socketTransport()
            let server = try await store().startLoopbackServer()
            return BenchmarkConnection(
                baseURL: server.baseURL.absoluteString, transport: transport,
                shutdown: { await server.shutdown() })
        case "in-process":
            return BenchmarkConnection(baseURL: "http://127.0.0.1:10000", transport: store().transport, shutdown: {})
        default:
            throw ValidationError("unknown transport '\(kind)' (expected server-process, loopback or in-process)")
        }
    }
}
