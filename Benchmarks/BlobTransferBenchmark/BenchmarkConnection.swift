import ArgumentParser
import AzureBlobKitTesting
import AzureKitCore
import AzureKitTesting
import Foundation

/// Where the benchmark's client sends requests: the in-memory store behind a LoopbackServer (real sockets,
/// AsyncHTTPClient or URLSession), or in process (the engine alone, no HTTP).
struct BenchmarkConnection {
    let baseURL: String
    let transport: any HTTPTransport
    let shutdown: @Sendable () async -> Void

    static func make(_ kind: String, httpClient: String, store: InMemoryBlobStore) async throws -> BenchmarkConnection {
        switch kind {
        case "loopback":
            let transport: any HTTPTransport
            switch httpClient {
            case "asynchttpclient": transport = AsyncHTTPClientTransport.shared
            case "urlsession": transport = URLSessionTransport.shared
            default:
                throw ValidationError("unknown HTTP client '\(httpClient)' (expected asynchttpclient or urlsession)")
            }
            let server = try await store.startLoopbackServer()
            return BenchmarkConnection(
                baseURL: server.baseURL.absoluteString, transport: transport,
                shutdown: { await server.shutdown() })
        case "in-process":
            return BenchmarkConnection(baseURL: "http://127.0.0.1:10000", transport: store.transport, shutdown: {})
        default:
            throw ValidationError("unknown transport '\(kind)' (expected loopback or in-process)")
        }
    }
}
