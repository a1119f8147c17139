import AzureKitCore
import AzureKitSigning
import Foundation
import Logging

/// The token endpoints: Docker's `GET <realm>?service=&scope=` (with Basic or anonymous), and ACR's
/// `POST /oauth2/exchange` and `POST /oauth2/token` (acr-auth.md §2–3).
///
/// Requests go through the registry pipeline with no pipeline credential: each call sets its own
/// `Authorization` (Basic) or carries the secret in the form body, and the logging policy never prints either.
struct RegistryTokenService: Sendable {
    /// The api-version the Python SDK sends on ACR's token endpoints.
    static let acrAPIVersion = "2021-07-01"

    let pipeline: Pipeline
    let allowsInsecureHTTP: Bool
    let now: @Sendable () -> Date

    /// Whether `realm` belongs to Azure Container Registry, which has the form-POST endpoints and the exchange.
    static func isACR(_ realm: URL) -> Bool { (realm.host ?? "").lowercased().contains(".azurecr.") }

    /// Docker token flow with Basic (Token-BasicAuth.md): `GET <realm>?service=…&scope=…`.
    func basicToken(
        realm: URL, service: String?, scopes: [RegistryScope], username: String, password: String, logger: Logger
    ) async throws -> AccessToken {
        var request = HTTPRequest(method: .get, url: try url(realm, query: queryItems(service, scopes)))
        request.headers["Authorization"] = RegistryAuthenticator.basicHeader(username, password)
        request.headers["Accept"] = "application/json"
        return try await tokenResponse(request, operation: "Token_GetWithBasic", logger: logger)
    }

    /// Anonymous pull: ACR's `POST /oauth2/token grant_type=password` (no secret), else Docker's plain GET.
    func anonymousToken(realm: URL, service: String?, scopes: [RegistryScope], logger: Logger) async throws
        -> AccessToken
    {
        guard Self.isACR(realm) else {
            var request = HTTPRequest(method: .get, url: try url(realm, query: queryItems(service, scopes)))
            request.headers["Accept"] = "application/json"
            return try await tokenResponse(request, operation: "Token_GetAnonymous", logger: logger)
        }
        let form = [("service", service), ("scope", scopeString(scopes)), ("grant_type", "password")]
        return try await tokenResponse(
            formRequest(try url(realm, query: [("api-version", Self.acrAPIVersion)]), form),
            operation: "Token_GetAnonymous", logger: logger)
    }

    /// ACR: Entra access token → ACR refresh token (`POST /oauth2/exchange`, grant_type=access_token).
    func exchange(realm: URL, service: String?, entraToken: String, tenantID: String?, logger: Logger) async throws
        -> AccessToken
    {
        let exchangeURL = try url(
            origin(of: realm).appendingPathComponent("oauth2/exchange"), query: [("api-version", Self.acrAPIVersion)])
        let form = [
            ("grant_type", "access_token"), ("service", service), ("tenant", tenantID), ("access_token", entraToken),
        ]
        let body: TokenBody
        do {
            body = try await send(formRequest(exchangeURL, form), operation: "Token_Exchange", logger: logger)
        } catch let error as AzureServiceError where error.status == 404 {
            throw AzureClientError(
                .invalidConfiguration,
                "\(exchangeURL.host ?? "the registry") has no /oauth2/exchange endpoint: Entra ID credentials work only with Azure Container Registry"
            )
        }
        guard let refresh = body.refreshToken, !refresh.isEmpty else {
            throw AzureClientError.unexpectedResponse("Token_Exchange", "the reply has no refresh_token")
        }
        return RegistryToken.make(refresh, now: now())
    }

    /// ACR: refresh token → access token for `scopes` (`POST /oauth2/token`, grant_type=refresh_token).
    func accessToken(realm: URL, service: String?, scopes: [RegistryScope], refreshToken: String, logger: Logger)
        async throws -> AccessToken
    {
        let form = [
            ("service", service), ("scope", scopeString(scopes)), ("refresh_token", refreshToken),
            ("grant_type", "refresh_token"),
        ]
        return try await tokenResponse(
            formRequest(try url(realm, query: [("api-version", Self.acrAPIVersion)]), form),
            operation: "Token_GetWithRefreshToken", logger: logger)
    }

    // MARK: Plumbing

    private struct TokenBody: Decodable {
        var token: String?
        var accessToken: String?
        var refreshToken: String?
        var expiresIn: Double?

        enum CodingKeys: String, CodingKey {
            case token
            case accessToken = "access_token"
            case refreshToken = "refresh_token"
            case expiresIn = "expires_in"
        }
    }

    private func tokenResponse(_ request: HTTPRequest, operation: String, logger: Logger) async throws -> AccessToken {
        let body = try await send(request, operation: operation, logger: logger)
        guard let value = body.accessToken ?? body.token, !value.isEmpty else {
            throw AzureClientError.unexpectedResponse(operation, "the token reply has neither access_token nor token")
        }
        return RegistryToken.make(value, expiresIn: body.expiresIn, now: now())
    }

    private func send(_ request: HTTPRequest, operation: String, logger: Logger) async throws -> TokenBody {
        try EndpointValidation.validate(request.url, allowsInsecureHTTP: allowsInsecureHTTP)
        let response = try await pipeline.send(request, operation: operation, logger: logger)
        guard response.isSuccess else {
            throw pipeline.profile.errors.decode(
                response, operation: operation,
                clientRequestID: response.headers[pipeline.profile.clientRequestIDHeader])
        }
        do {
            return try JSONDecoder().decode(TokenBody.self, from: response.body)
        } catch {
            throw AzureClientError.unexpectedResponse(operation, "the token reply is not the expected JSON object")
        }
    }

    private func formRequest(_ url: URL, _ pairs: [(String, String?)]) -> HTTPRequest {
        var request = HTTPRequest(method: .post, url: url, body: .data(Data(FormEncoding.encode(pairs).utf8)))
        request.headers["Content-Type"] = "application/x-www-form-urlencoded"
        request.headers["Accept"] = "application/json"
        return request
    }

    private func scopeString(_ scopes: [RegistryScope]) -> String? {
        scopes.isEmpty ? nil : scopes.map(\.description).joined(separator: " ")
    }

    /// `service` once and `scope` repeated, as Docker sends them.
    private func queryItems(_ service: String?, _ scopes: [RegistryScope]) -> [(String, String)] {
        var items: [(String, String)] = []
        if let service { items.append(("service", service)) }
        for scope in scopes { items.append(("scope", scope.description)) }
        return items
    }

    private func url(_ base: URL, query: [(String, String)]) throws -> URL {
        try base.appendingPercentEncodedQuery(PercentEncoding.query(query), reason: "cannot add the token query to it")
    }

    private func origin(of url: URL) throws -> URL {
        var components = URLComponents()
        components.scheme = url.scheme
        components.host = url.host
        components.port = url.port
        guard let origin = components.url else {
            throw AzureClientError.invalidURL(url.absoluteString, reason: "the token realm has no scheme and host")
        }
        return origin
    }
}
