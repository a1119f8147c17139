import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import AzureKitSigning
import AzureKitTesting
import Foundation
import Testing

/// Every request of a staged upload and a ranged download, signed with Shared Key, checked by a loopback
/// server that recomputes the signature from what arrived on the socket (path-style, as Azurite signs it).
@Suite struct SharedKeyLoopbackTests {
    static let account = "devstoreaccount1"

    static func verifies(_ request: LoopbackRequest) -> Bool {
        guard let url = URL(string: "http://127.0.0.1" + request.target),
            let signer = try? SharedKeySigner(accountName: account, accountKey: TaskSASTests.testKey)
        else { return false }
        let headers = request.headers.filter { $0.name.lowercased() != "authorization" }.map {
            (name: $0.name, value: $0.value)
        }
        guard
            let expected = try? signer.authorization(
                method: request.method.rawValue, url: url, headers: headers, scheme: .storage)
        else { return false }
        return expected == request.headers["Authorization"]
    }

    @Test func stagedUploadAndRangedDownloadWithAnAwkwardName() async throws {
        let store = InMemoryBlobStore()
        let rejected = RejectionLog()
        let handler = store.loopbackHandler
        let server = try await LoopbackServer(recordsBodies: false) { request in
            guard Self.verifies(request) else {
                rejected.add(request.target)
                return .respond(status: 403, headers: ["x-ms-error-code": "AuthenticationFailed"])
            }
            return try await handler(request)
        }
        defer { Task { await server.shutdown() } }
        let key = try SharedKeyCredential(accountName: Self.account, accountKey: TaskSASTests.testKey)
        let service = try BlobServiceClient(
            endpoint: URL(string: "\(server.baseURL.absoluteString)/\(Self.account)")!, credential: .sharedKey(key),
            options: .init(
                core: .init(retry: .init(maxRetries: 2, clock: AzureClock(sleep: { _ in }))),
                transfer: .init(blockSize: 256 << 10, maxConcurrency: 3, singleShotLimit: 256 << 10)))
        let name = "dir one/résumé+1 #2 100%.bin"
        let blob = try service.blobClient(container: "data", blob: name)
        let source = testBytes(count: 1 << 20 + 17, seed: 9)
        let result = try await blob.upload(source, options: .init(metadata: ["year": "2007"], conditions: .ifNotExists))
        #expect(result.blockCount == 5)
        #expect(store.blob(container: "data", name: name) == source)
        #expect(
            try await blob.downloadData(options: .init(offset: 1000, length: 600_000))
                == source.subdata(in: 1000..<601_000))
        #expect(try await blob.properties().metadata == ["year": "2007"])
        #expect(rejected.targets.isEmpty, "rejected: \(rejected.targets)")
        #expect(server.requestCount == 5 + 1 + 3 + 1)
        await server.shutdown()
    }
}

final class RejectionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ target: String) { lock.withLock { list.append(target) } }
    var targets: [String] { lock.withLock { list } }
}
