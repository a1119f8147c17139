import AzureKitCore
import AzureKitTesting
import Foundation
import Logging

@testable import AzureRegistryKit

/// Fake secrets used by the fixtures; tests assert none of them leak into descriptions, errors or logs.
enum Secrets {
    static let password = "fake-acr-password-not-a-secret"
    static let entraToken = "fake-entra-access-token"
    static let refreshToken =
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJBenVyZSBDb250YWluZXIgUmVnaXN0cnkiLCJhdWQiOiJkZXZyZWdpc3RyeS5henVyZWNyLmlvIiwiZXhwIjo0MTAyNDQ0ODAwLCJraW5kIjoiYWNyLXJlZnJlc2giLCJub3RlIjoiZmFrZS11bnNpZ25lZC10ZXN0LXRva2VuIn0.fakesig"
    static let accessToken =
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJBenVyZSBDb250YWluZXIgUmVnaXN0cnkiLCJhdWQiOiJkZXZyZWdpc3RyeS5henVyZWNyLmlvIiwiZXhwIjo0MTAyNDQ0ODAwLCJraW5kIjoiYWNyLWFjY2Vzcy13b3JrZXIiLCJub3RlIjoiZmFrZS11bnNpZ25lZC10ZXN0LXRva2VuIn0.fakesig"
    static let all = [password, entraToken, refreshToken, accessToken]
}

/// Fixtures come through AzureKitTesting: `withTestTransport(fixture: .named(name, in: .module), target:)` plays one
/// in process or over loopback sockets; `FixtureTransport(fixture: .named(name, in: .module))` where a test needs the
/// transport itself.
enum Fixtures {
    /// A client on `transport` that never sleeps between retries.
    static func client(
        _ transport: any HTTPTransport, server: String = "devregistry.azurecr.io", credential: RegistryCredential,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> ContainerRegistryClient {
        let options = ServiceClientOptions(
            retry: RetryOptions(maxRetries: 2, clock: AzureClock(sleep: { _ in })), transport: transport)
        return try ContainerRegistryClient(
            loginServer: server, credential: credential, options: .init(core: options), now: now)
    }
}

/// An Entra credential that hands out a fixed token and records what it was asked for.
final class StaticTokenCredential: TokenCredential, @unchecked Sendable {
    private let lock = NSLock()
    private var requested: [[String]] = []
    let token: String

    init(token: String = Secrets.entraToken) { self.token = token }

    func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        lock.withLock { requested.append(scopes) }
        return AccessToken(token: token, expiresOn: Date().addingTimeInterval(3600))
    }

    var requests: [[String]] { lock.withLock { requested } }
}

/// A transport that fails every request below HTTP, like an unknown host.
struct UnreachableTransport: HTTPTransport {
    let kind: TransportError.Kind
    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        throw TransportError(kind: kind, host: request.url.host ?? "?", detail: "simulated \(kind.rawValue)")
    }
}

extension HTTPRequest {
    var path: String { URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path }
    var isTokenRequest: Bool { path.hasPrefix("/oauth2/") || url.host == "auth.docker.io" }
}
