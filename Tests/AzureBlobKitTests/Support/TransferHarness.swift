import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation

/// How the in-memory store is reached.
enum StoreConnection: String, Sendable, CaseIterable, CustomStringConvertible {
    /// In process: faults become transport errors directly.
    case inProcess
    var description: String { rawValue }
}

/// A blob client talking to an ``InMemoryBlobStore``.
struct TransferHarness {
    let store: InMemoryBlobStore
    let transport: any HTTPTransport

    init(_ connection: StoreConnection, store: InMemoryBlobStore = InMemoryBlobStore()) {
        self.store = store
        switch connection {
        case .inProcess: transport = store.transport
        }
    }

    func blob(_ name: String, transfer: BlobTransferOptions) throws -> BlobClient {
        try BlobClient(url: "http://127.0.0.1:10000/devstoreaccount1/data/\(name)", credential: .anonymous,
                       options: .init(core: .init(retry: .init(maxRetries: 3, sleep: { _ in }), transport: transport),
                                      transfer: transfer))
    }
}

/// Deterministic pseudo-random bytes, generated a word at a time.
func testBytes(count: Int, seed: UInt64) -> Data {
    var generator = SplitMix64(seed: seed)
    var data = Data(count: count)
    data.withUnsafeMutableBytes { buffer in
        let words = buffer.count / 8
        for index in 0..<words { buffer.storeBytes(of: generator.next(), toByteOffset: index * 8, as: UInt64.self) }
        for index in (words * 8)..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: generator.next()) }
    }
    return data
}
