import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation
import TestSupport

/// How the in-memory store is reached.
enum StoreConnection: String, Sendable, CaseIterable, CustomStringConvertible {
    /// In process: faults become transport errors directly.
    case inProcess
    /// Over real sockets through AzureKitTesting's LoopbackServer and the URLSession transport.
    case loopback
    var description: String { rawValue }
}

/// A blob client talking to an ``InMemoryBlobStore``.
struct TransferHarness {
    let store: InMemoryBlobStore
    let transport: any HTTPTransport
    let baseURL: String

    /// Runs `body` against a store reached through `connection`, shutting any server down afterwards.
    static func with<T>(
        _ connection: StoreConnection, store: InMemoryBlobStore = InMemoryBlobStore(),
        _ body: (TransferHarness) async throws -> T
    ) async throws -> T {
        switch connection {
        case .inProcess:
            return try await body(
                TransferHarness(store: store, transport: store.transport, baseURL: "http://127.0.0.1:10000"))
        case .loopback:
            let server = try await store.startLoopbackServer()
            do {
                let result = try await body(
                    TransferHarness(
                        store: store, transport: DefaultTransport.shared,
                        baseURL: server.baseURL.absoluteString))
                await server.shutdown()
                return result
            } catch {
                await server.shutdown()
                throw error
            }
        }
    }

    func blob(_ name: String, transfer: BlobTransferOptions) throws -> BlobClient {
        try client(name, transfer: transfer, transport: transport)
    }

    func client(_ name: String, transfer: BlobTransferOptions, transport: any HTTPTransport) throws -> BlobClient {
        try BlobClient(
            url: "\(baseURL)/devstoreaccount1/data/\(name)", credential: .anonymous,
            options: .init(
                core: .init(retry: .init(maxRetries: 3, clock: AzureClock(sleep: { _ in })), transport: transport),
                transfer: transfer))
    }
}

/// Deterministic pseudo-random bytes, generated a word at a time.
func testBytes(count: Int, seed: UInt64) -> Data {
    var generator = SeededRandom(seed: seed)
    var data = Data(count: count)
    data.withUnsafeMutableBytes { buffer in
        let words = buffer.count / 8
        for index in 0..<words { buffer.storeBytes(of: generator.next(), toByteOffset: index * 8, as: UInt64.self) }
        for index in (words * 8)..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: generator.next()) }
    }
    return data
}
