import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

/// The whole Entra flow over real sockets and the URLSession transport, against a registry simulated on
/// 127.0.0.1 that checks what it receives the way ACR does.
struct LoopbackRegistryTests {
    static let digest = "sha256:" + String(repeating: "5e", count: 32)

    /// ACR's side of acr-auth.md §1 and §3, strict about the form bodies and the bearer token.
    static let registry: LoopbackServer.Handler = { request in
        let host = request.headers["Host"] ?? "127.0.0.1"
        let form = Dictionary(
            (String(decoding: request.body, as: UTF8.self)).split(separator: "&").map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).removingPercentEncoding ?? String($0)
                }
                return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
            }, uniquingKeysWith: { $1 })
        switch (request.method, request.path) {
        case (.post, "/oauth2/exchange"):
            guard form["grant_type"] == "access_token", form["service"] == "loopback-registry",
                form["access_token"] == Secrets.entraToken, request.query("api-version") == "2021-07-01"
            else {
                return .respond(
                    status: 400, body: Data(#"{"errors":[{"code":"BAD_EXCHANGE","message":"bad form"}]}"#.utf8))
            }
            return .respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Data(#"{"refresh_token":"\#(Secrets.refreshToken)"}"#.utf8))
        case (.post, "/oauth2/token"):
            guard form["grant_type"] == "refresh_token", form["refresh_token"] == Secrets.refreshToken,
                form["scope"] == "repository:tools/worker:pull"
            else {
                return .respond(
                    status: 401, body: Data(#"{"errors":[{"code":"UNAUTHORIZED","message":"bad refresh token"}]}"#.utf8)
                )
            }
            return .respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Data(#"{"access_token":"\#(Secrets.accessToken)"}"#.utf8))
        case (.head, let path) where path.hasPrefix("/v2/tools/worker/manifests/"):
            guard request.headers["Authorization"] == "Bearer \(Secrets.accessToken)" else {
                return .respond(
                    status: 401,
                    headers: [
                        "WWW-Authenticate":
                            #"Bearer realm="http://\#(host)/oauth2/token",service="loopback-registry",scope="repository:tools/worker:pull""#
                    ])
            }
            guard path.hasSuffix("/1.4.2"),
                request.headers["Accept"]?.contains("application/vnd.oci.image.index.v1+json") == true
            else {
                return .respond(status: 404)
            }
            return .respond(
                status: 200,
                headers: [
                    "Docker-Content-Digest": digest,
                    "Content-Type": "application/vnd.oci.image.index.v1+json",
                ])
        default:
            return .respond(status: 404)
        }
    }

    /// Retries only transport failures (a 401 or 404 is never retried, so the request log stays exact): once in
    /// about ten full-suite runs on the 2-core machine, one request stalled until its timeout and never reached
    /// the server.
    static func client(_ server: LoopbackServer) throws -> ContainerRegistryClient {
        try ContainerRegistryClient(
            loginServer: "127.0.0.1:\(server.port)", credential: .entraID(StaticTokenCredential()),
            options: .init(
                core: ServiceClientOptions(
                    retry: .init(maxRetries: 2, baseDelay: .milliseconds(20)), timeout: .seconds(30))))
    }

    @Test func entraFlowOverRealHTTP() async throws {
        try await withLoopbackServer(Self.registry) { server in
            let client = try Self.client(server)
            let found = try await client.verify(image: "127.0.0.1:\(server.port)/tools/worker:1.4.2")
            #expect(found.outcome == .available(digest: try ImageDigest(parsing: Self.digest), mediaType: .ociIndex))
            let missing = try await client.verify(image: "127.0.0.1:\(server.port)/tools/worker:0.0.1")
            #expect(missing.outcome == .notFound(code: nil, message: "not found"))
            // 401, exchange, token, HEAD; then one HEAD with the cached token. A request that stalled past its timeout
            // under full-suite load and was sent again shows as the same path twice in a row: count it once.
            let paths = server.requests.map(\.path)
            let distinctInARow = paths.enumerated().filter { $0.offset == 0 || paths[$0.offset - 1] != $0.element }.map(
                \.element)
            #expect(
                distinctInARow == [
                    "/v2/tools/worker/manifests/1.4.2", "/oauth2/exchange", "/oauth2/token",
                    "/v2/tools/worker/manifests/1.4.2",
                    "/v2/tools/worker/manifests/0.0.1",
                ])
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        let server = try await LoopbackServer { _ in .respond(status: 200) }
        let port = server.port
        await server.shutdown()
        let client = try ContainerRegistryClient(
            loginServer: "127.0.0.1:\(port)", options: .init(core: ServiceClientOptions(retry: .none)))
        let result = try await client.verify(image: "127.0.0.1:\(port)/tools/worker:1.4.2")
        guard case .unreachable(let message) = result.outcome else {
            Issue.record("expected unreachable, got \(result.outcome)")
            return
        }
        #expect(message.contains("127.0.0.1"))
    }
}
