import Foundation

/// Tokens by key, reused until `margin` before they expire; concurrent callers for the same key share one
/// fetch (single flight), so a burst of preflight checks sends one token request per scope.
actor RegistryTokenCache<Key: Hashable & Sendable> {
    private enum Entry {
        case ready(RegistryToken)
        case pending(id: UInt64, Task<RegistryToken, any Error>)
    }

    private var entries: [Key: Entry] = [:]
    private var nextID: UInt64 = 0
    private let margin: TimeInterval
    private let now: @Sendable () -> Date

    /// How many fetches were started and how many callers joined one already running (for tests).
    private(set) var fetchCount = 0
    private(set) var joinCount = 0

    init(margin: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.margin = margin
        self.now = now
    }

    /// A fresh cached token, without fetching.
    func cached(_ key: Key) -> RegistryToken? {
        if case .ready(let token) = entries[key], token.isFresh(at: now(), margin: margin) { return token }
        return nil
    }

    /// The cached token for `key`, or the result of `fetch` (shared with every caller that arrives meanwhile).
    /// A failed fetch is not cached: the next caller tries again.
    func token(for key: Key, fetch: @escaping @Sendable () async throws -> RegistryToken) async throws -> RegistryToken {
        switch entries[key] {
        case .ready(let token) where token.isFresh(at: now(), margin: margin):
            return token
        case .pending(_, let task):
            joinCount += 1
            return try await task.value
        default:
            break
        }
        fetchCount += 1
        nextID += 1
        let id = nextID
        let task = Task { try await fetch() }
        entries[key] = .pending(id: id, task)
        do {
            let token = try await task.value
            if case .pending(let current, _) = entries[key], current == id { entries[key] = .ready(token) }
            return token
        } catch {
            if case .pending(let current, _) = entries[key], current == id { entries[key] = nil }
            throw error
        }
    }

    /// Forgets `key` (the registry refused the token).
    func invalidate(_ key: Key) {
        if case .ready = entries[key] { entries[key] = nil }
    }
}
