import AzureBlobKitTesting
import AzureKitCore
import ArgumentParser
import Foundation

/// Where the benchmark's client sends requests: the in-memory store behind a LoopbackServer, or in process.
struct BenchmarkConnection {
    let baseURL: String
    let transport: any HTTPTransport
    let shutdown: @Sendable () async -> Void

    static func make(_ kind: String, store: InMemoryBlobStore) async throws -> BenchmarkConnection {
        switch kind {
        case "in-process":
            return BenchmarkConnection(baseURL: "http://127.0.0.1:10000", transport: store.transport, shutdown: {})
        default:
            throw ValidationError("unknown transport '\(kind)' (expected loopback or in-process)")
        }
    }
}
