import AzureKitCore
import AzureKitTesting
import Foundation

extension InMemoryBlobStore {
    /// Serves the store over real sockets: faults become a closed connection or a body cut short on the wire,
    /// exactly what URLSession sees from a failing network.
    ///
    /// ```swift
    /// let server = try await store.startLoopbackServer()
    /// let blob = try BlobClient(url: "\(server.baseURL)/devstoreaccount1/data/x.bin", credential: .anonymous)
    /// ...
    /// await server.shutdown()
    /// ```
    public func startLoopbackServer() async throws -> LoopbackServer {
        try await LoopbackServer(recordsBodies: false, handler: loopbackHandler)
    }

    /// The `LoopbackServer` handler for this store.
    public var loopbackHandler: LoopbackServer.Handler {
        { [self] request in
            let target = request.target
            let question = target.firstIndex(of: "?")
            let path = question.map { String(target[..<$0]) } ?? target
            let query = question.map { String(target[target.index(after: $0)...]) }
            switch handle(
                method: request.method, path: path, query: query, headers: request.headers, body: request.body)
            {
            case .respond(let response):
                return .respond(status: response.status, headers: response.headers, body: response.body)
            case .drop:
                return .dropConnection
            case .truncated(let response, let bytes):
                return .truncated(
                    LoopbackResponse(status: response.status, headers: response.headers, body: response.body),
                    afterBodyBytes: bytes)
            }
        }
    }
}
