import AzureKitCore
import Foundation

extension InMemoryBlobStore {
    /// Serves the store in process: a dropped connection becomes the transport error URLSession would raise,
    /// and a truncated body arrives short (with the full `Content-Length`), as a lenient HTTP stack might
    /// deliver it.
    public var transport: any HTTPTransport { InMemoryBlobTransport(store: self) }
}

struct InMemoryBlobTransport: HTTPTransport {
    let store: InMemoryBlobStore

    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let body = try await request.body.collect()
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let outcome = store.handle(
            method: request.method, path: components?.percentEncodedPath ?? request.url.path,
            query: components?.percentEncodedQuery, headers: request.headers, body: body)
        switch outcome {
        case .respond(let response):
            return request.method == .head ? HTTPResponse(status: response.status, headers: response.headers) : response
        case .drop:
            throw TransportError(
                kind: .connectionDropped, host: request.url.host ?? "", detail: "the connection was lost (injected)")
        case .truncated(let response, let bytes):
            return HTTPResponse(status: response.status, headers: response.headers, body: response.body.prefix(bytes))
        }
    }
}
