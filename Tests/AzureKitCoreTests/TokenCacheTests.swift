import AzureKitCore
import Foundation
import Synchronization
import Testing

@Suite("Token cache")
struct TokenCacheTests {
    /// Counts fetches; sleeps a little so concurrent callers really overlap.
    final class Counter: Sendable {
        let count = Mutex(0)
        func fetch(expiresIn seconds: TimeInterval) async throws -> AccessToken {
            let n = count.withLock {
                $0 += 1
                return $0
            }
            try await Task.sleep(for: .milliseconds(50))
            return AccessToken(token: "token-\(n)", expiresOn: Date().addingTimeInterval(seconds))
        }
    }

    @Test("100 concurrent callers share one refresh")
    func singleFlight() async throws {
        let cache = TokenCache()
        let counter = Counter()
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await cache.token(for: ["scope/.default"]) { try await counter.fetch(expiresIn: 3600) }.token
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(tokens.count == 100)
        #expect(Set(tokens) == ["token-1"])
        #expect(counter.count.withLock { $0 } == 1)
    }

    @Test("a token inside the refresh margin is refreshed; one outside is reused")
    func refreshAhead() async throws {
        let cache = TokenCache(refreshMargin: .seconds(300))
        let counter = Counter()
        let first = try await cache.token(for: ["a"]) { try await counter.fetch(expiresIn: 200) }
        let second = try await cache.token(for: ["a"]) { try await counter.fetch(expiresIn: 3600) }
        let third = try await cache.token(for: ["a"]) { try await counter.fetch(expiresIn: 3600) }
        #expect(first.token == "token-1")
        #expect(second.token == "token-2")
        #expect(third.token == "token-2")
        // A different scope set has its own entry.
        let other = try await cache.token(for: ["b"]) { try await counter.fetch(expiresIn: 3600) }
        #expect(other.token == "token-3")
    }

    @Test("a token that is already expired is refused with a typed error")
    func expiredToken() async throws {
        let cache = TokenCache()
        let error = await #expect(throws: AzureClientError.self) {
            try await cache.token(for: ["a"]) { AccessToken(token: "old", expiresOn: Date().addingTimeInterval(-10)) }
        }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.message.contains("already expired") == true)
        #expect(error?.message.contains("old") == false)
    }

    @Test("a failed refresh keeps serving a token that is still valid")
    func failedRefreshFallsBack() async throws {
        let cache = TokenCache(refreshMargin: .seconds(300))
        let first = try await cache.token(for: ["a"]) {
            AccessToken(token: "valid", expiresOn: Date().addingTimeInterval(120))
        }
        struct Outage: Error {}
        let second = try await cache.token(for: ["a"]) { throw Outage() }
        #expect(first.token == "valid" && second.token == "valid")
        // With nothing cached, the failure propagates.
        await #expect(throws: Outage.self) { try await cache.token(for: ["fresh"]) { throw Outage() } }
    }
}
