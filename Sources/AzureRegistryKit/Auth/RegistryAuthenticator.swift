import AzureKitCore
import Foundation
import Logging

/// Answers registry challenges for one ``RegistryCredential`` and caches what it gets.
///
/// - Access tokens are cached by (service, scope) until a minute before they expire. Once a host's realm is
///   known, tokens are fetched or reused *before* the request, so a repeated check costs one request (the
///   Python SDK pays a 401 and a token request every time).
/// - ACR refresh tokens are cached by service and renewed when fewer than five minutes remain (the Python SDK
///   has this check inverted).
/// - Both caches are the runtime's single-flight `TokenCache`: concurrent checks share one token request.
struct RegistryAuthenticator: Sendable {
    let credential: RegistryCredential
    let tokens: RegistryTokenService
    let accessTokens: TokenCache
    let refreshTokens: TokenCache
    let challenges: ChallengeMemory

    init(credential: RegistryCredential, tokens: RegistryTokenService, now: @escaping @Sendable () -> Date) {
        self.credential = credential
        self.tokens = tokens
        self.accessTokens = TokenCache(refreshMargin: .seconds(60), now: now)
        self.refreshTokens = TokenCache(refreshMargin: .seconds(300), now: now)
        self.challenges = ChallengeMemory()
    }

    /// The header to send before any challenge, when this host has challenged before: a (cached) bearer token
    /// for `scopes` under the remembered realm, or Basic. `nil` sends the request unauthenticated, to learn the
    /// challenge.
    func preemptiveAuthorization(host: String, scopes: [RegistryScope], logger: Logger) async throws -> String? {
        guard let known = await challenges.challenge(for: host) else { return nil }
        return try await header(for: known, host: host, scopes: scopes, logger: logger)
    }

    /// The header to resend with after `challenge`, or `nil` when this credential cannot answer it (a Basic
    /// challenge to an Entra identity, say).
    ///
    /// - Parameters:
    ///   - scopes: what the request needs; the token asks for these plus any further scope the challenge names
    ///     (a push needs `pull,push` on its repository and `pull` on a repository it mounts from, while a
    ///     challenge names only one).
    ///   - rejected: the header the refused request carried; cached access tokens are dropped first, since the
    ///     registry no longer accepts them (an expired token mid-upload).
    func authorization(
        answering challenge: RegistryChallenge, host: String, scopes: [RegistryScope], rejected: String?,
        logger: Logger
    ) async throws -> String? {
        await challenges.remember(challenge, for: host)
        if rejected != nil { await accessTokens.invalidate() }
        return try await header(
            for: challenge, host: host, scopes: Self.merge(scopes, challenge.scopes), logger: logger)
    }

    /// `needed` plus the challenged scopes that `needed` does not already cover, in a stable order.
    static func merge(_ needed: [RegistryScope], _ challenged: [RegistryScope]) -> [RegistryScope] {
        var merged = needed
        for scope in challenged where !merged.contains(where: { $0.covers(scope) }) { merged.append(scope) }
        return merged
    }

    /// Whether this credential can answer `challenge` at all: Basic only with a username and password, Bearer with
    /// any credential (anonymous asks for an anonymous token), other schemes never.
    func canAnswer(_ challenge: RegistryChallenge) -> Bool {
        if challenge.isBasic {
            if case .basic = credential.storage { return true }
            return false
        }
        return challenge.isBearer
    }

    private func header(for challenge: RegistryChallenge, host: String, scopes: [RegistryScope], logger: Logger)
        async throws -> String?
    {
        guard canAnswer(challenge) else { return nil }
        if challenge.isBasic, case .basic(let username, let password) = credential.storage {
            return Self.basicHeader(username, password)
        }
        guard let realmText = challenge.realm, let realm = URL(string: realmText), realm.host != nil else {
            throw AzureClientError(
                .authenticationFailed, "the registry \(host) sent a Bearer challenge without a usable realm")
        }
        let service = challenge.service ?? host
        // TokenCache keys by the sorted strings; the service entry keeps two registries' scopes apart.
        let key = ["service=\(service)"] + scopes.map(\.description)
        let token = try await accessTokens.token(for: key) { [self] in
            let token = try await fetchAccessToken(
                realm: realm, host: host, service: service, scopes: scopes, logger: logger)
            // The token itself never reaches a log: only who issued it, for what, and until when.
            logger.info(
                "registry token acquired",
                metadata: [
                    "az-registry": .string(host), "az-credential": .string(credential.description),
                    "az-scopes": .string(scopes.map(\.description).joined(separator: " ")),
                    "az-expires-on": .string(ISO8601DateFormatter().string(from: token.expiresOn)),
                ])
            return token
        }
        return "Bearer \(token.token)"
    }

    private func fetchAccessToken(realm: URL, host: String, service: String, scopes: [RegistryScope], logger: Logger)
        async throws -> AccessToken
    {
        switch credential.storage {
        case .refreshToken, .entraID:
            // Entra and ACR refresh tokens are valid for every registry in the tenant: only ever hand them to the
            // registry itself (ACR's realm is always its login server), never to a realm a challenge points elsewhere.
            guard realm.host?.lowercased() == host.lowercased() else {
                throw AzureClientError(
                    .authenticationFailed,
                    "refusing to send an Entra ID or ACR refresh token to \(realm.host ?? "?"): the registry \(host) named it as its token realm, but tokens go only to the registry itself"
                )
            }
        default:
            break
        }
        switch credential.storage {
        case .anonymous:
            return try await tokens.anonymousToken(realm: realm, service: service, scopes: scopes, logger: logger)
        case .basic(let username, let password):
            return try await tokens.basicToken(
                realm: realm, service: service, scopes: scopes, username: username,
                password: password, logger: logger)
        case .refreshToken(let refresh):
            return try await tokens.accessToken(
                realm: realm, service: service, scopes: scopes, refreshToken: refresh, logger: logger)
        case .entraID(let entra, let tenantID, let entraScopes):
            let refresh = try await refreshTokens.token(for: ["service=\(service)"]) {
                let entraToken = try await entra.token(for: entraScopes, logger: logger)
                return try await tokens.exchange(
                    realm: realm, service: service, entraToken: entraToken.token,
                    tenantID: tenantID, logger: logger)
            }
            do {
                return try await tokens.accessToken(
                    realm: realm, service: service, scopes: scopes, refreshToken: refresh.token, logger: logger)
            } catch let error as AzureServiceError where error.status == 401 {
                // The refresh token may have been revoked; the next check exchanges again.
                await refreshTokens.invalidate()
                throw error
            }
        }
    }

    static func basicHeader(_ username: String, _ password: String) -> String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
