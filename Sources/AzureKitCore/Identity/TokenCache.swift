import Foundation

/// Caches access tokens per scope set and refreshes them shortly before they expire, with one refresh in
/// flight per scope set however many callers ask at once (single flight).
///
/// A refresh that fails while the cached token is still valid returns the cached token, so a brief outage of
/// the identity endpoint does not fail requests that could still be authenticated.
///
/// ```swift
/// let cache = TokenCache()
/// let token = try await cache.token(for: scopes) { try await fetchFromEntra(scopes) }
/// ```
public actor TokenCache {
    private enum Entry {
        case ready(AccessToken)
        case refreshing(Task<AccessToken, any Error>, previous: AccessToken?)
    }

    private var entries: [String: Entry] = [:]
    /// How long before expiry a token is refreshed.
    public let refreshMargin: Duration
    private let now: @Sendable () -> Date

    public init(refreshMargin: Duration = .seconds(300), now: @escaping @Sendable () -> Date = { Date() }) {
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// A valid token for `scopes`, from the cache or from `fetch` (called at most once at a time per scope set).
    /// - Throws: `fetch`'s error, or ``AzureClientError`` (`.authenticationFailed`) when `fetch` returns a token
    ///   that has already expired.
    public func token(for scopes: [String], fetch: @escaping @Sendable () async throws -> AccessToken) async throws
        -> AccessToken
    {
        let key = scopes.sorted().joined(separator: " ")
        switch entries[key] {
        case .ready(let token) where !token.expires(within: refreshMargin, of: now()):
            return token
        case .refreshing(let task, let previous):
            return try await awaitRefresh(task, previous: previous)
        case .ready(let token):
            return try await startRefresh(key: key, previous: token, fetch: fetch)
        case nil:
            return try await startRefresh(key: key, previous: nil, fetch: fetch)
        }
    }

    /// Forgets every cached token (for example after the service rejected one).
    public func invalidate() { entries.removeAll() }

    private func startRefresh(
        key: String, previous: AccessToken?, fetch: @escaping @Sendable () async throws -> AccessToken
    ) async throws -> AccessToken {
        let now = self.now
        let task = Task<AccessToken, any Error> {
            let token = try await fetch()
            guard token.expiresOn > now() else {
                throw AzureClientError(
                    .authenticationFailed,
                    "the identity endpoint returned a token that has already expired (expiresOn \(token.expiresOn))")
            }
            return token
        }
        entries[key] = .refreshing(task, previous: previous)
        do {
            let token = try await task.value
            entries[key] = .ready(token)
            return token
        } catch {
            if let previous, previous.expiresOn > now() {
                entries[key] = .ready(previous)
                return previous
            }
            entries[key] = nil
            throw error
        }
    }

    private func awaitRefresh(_ task: Task<AccessToken, any Error>, previous: AccessToken?) async throws -> AccessToken
    {
        do {
            return try await task.value
        } catch {
            if let previous, previous.expiresOn > now() { return previous }
            throw error
        }
    }
}
