import AzureBlobKitTesting
import AzureKitCore
import AzureKitTesting
import Foundation

/// The in-memory Blob store served over real sockets, so a child process can talk to it like to Azurite.
struct BlobLoopback {
    let store: InMemoryBlobStore
    let server: LoopbackServer

    static func start() async throws -> BlobLoopback {
        let store = InMemoryBlobStore()
        let server = try await LoopbackServer(recordsBodies: false) { request in
            let target = request.target
            let question = target.firstIndex(of: "?")
            let path = question.map { String(target[..<$0]) } ?? target
            let query = question.map { String(target[target.index(after: $0)...]) }
            switch store.handle(
                method: request.method, path: path, query: query, headers: request.headers, body: request.body)
            {
            case .respond(let response):
                return .respond(
                    status: response.status, headers: response.headers,
                    body: request.method == .head ? Data() : response.body)
            case .drop:
                return .dropConnection
            case .truncated(let response, let bytes):
                return .truncated(
                    LoopbackResponse(status: response.status, headers: response.headers, body: response.body),
                    afterBodyBytes: bytes)
            }
        }
        return BlobLoopback(store: store, server: server)
    }

    /// `http://127.0.0.1:<port>/devstoreaccount1/<container>/<name>`.
    func url(container: String, name: String) -> String {
        "http://127.0.0.1:\(server.port)/\(store.account)/\(container)/\(name)"
    }

    func shutdown() async { await server.shutdown() }
}
