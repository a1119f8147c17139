import AzureKitCore
import AzureKitTesting
import Foundation
import Testing
@testable import AzureRegistryKit

struct TokenCachingTests {
    static let image = "devregistry.azurecr.io/tools/worker:1.4.2"

    @Test func secondPullOfSameScopeSendsNoTokenRequest() async throws {
        let transport = try Fixtures.load("entra-cached")
        let entra = StaticTokenCredential()
        let client = try Fixtures.client(transport, credential: .entraID(entra))
        #expect(try await client.verify(image: Self.image).isAvailable)
        let afterFirst = transport.requests.count
        #expect(try await client.verify(image: Self.image).isAvailable)
        try transport.assertAllUsed()

        let second = transport.requests.dropFirst(afterFirst)
        #expect(second.count == 1)
        #expect(second.allSatisfy { !$0.isTokenRequest })
        #expect(second.first?.headers["Authorization"] == "Bearer \(Secrets.accessToken)")
        #expect(entra.requests.count == 1)
    }

    @Test func anotherScopeReusesTheRefreshToken() async throws {
        let transport = try Fixtures.load("entra-two-repositories")
        let entra = StaticTokenCredential()
        let client = try Fixtures.client(transport, credential: .entraID(entra))
        #expect(try await client.verify(image: Self.image).isAvailable)
        #expect(try await client.verify(image: "devregistry.azurecr.io/tools/reader:2.0").isAvailable)
        try transport.assertAllUsed()
        #expect(transport.requests.filter { $0.path == "/oauth2/exchange" }.count == 1)
        #expect(transport.requests.filter { $0.path == "/oauth2/token" }.count == 2)
        #expect(entra.requests.count == 1)
    }

    @Test func copiesOfAClientShareTheCache() async throws {
        let transport = try Fixtures.load("entra-cached")
        let client = try Fixtures.client(transport, credential: .entraID(StaticTokenCredential()))
        let copy = client
        #expect(try await client.verify(image: Self.image).isAvailable)
        #expect(try await copy.verify(image: Self.image).isAvailable)
        try transport.assertAllUsed()
    }

    // MARK: The cache itself

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_790_000_000)
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    actor Counter {
        private(set) var value = 0
        func next() -> Int { value += 1; return value }
    }

    @Test func tokensAreReusedUntilTheMarginBeforeExpiry() async throws {
        let clock = Clock()
        let cache = RegistryTokenCache<String>(margin: 300, now: { clock.now })
        let counter = Counter()
        let fetch: @Sendable () async throws -> RegistryToken = {
            let n = await counter.next()
            return RegistryToken(value: "token-\(n)", expiresOn: clock.now.addingTimeInterval(3600))
        }
        #expect(try await cache.token(for: "svc", fetch: fetch).value == "token-1")
        clock.advance(3600 - 301)
        #expect(try await cache.token(for: "svc", fetch: fetch).value == "token-1")
        clock.advance(2)   // fewer than 300 s left: renew (the Python SDK has this check inverted)
        #expect(try await cache.token(for: "svc", fetch: fetch).value == "token-2")
        #expect(try await cache.token(for: "other", fetch: fetch).value == "token-3")
    }

    @Test func failedFetchesAreNotCached() async throws {
        struct Boom: Error {}
        let cache = RegistryTokenCache<String>(margin: 60, now: { Date() })
        await #expect(throws: Boom.self) { _ = try await cache.token(for: "k") { throw Boom() } }
        let token = try await cache.token(for: "k") { RegistryToken(value: "ok", expiresOn: Date().addingTimeInterval(600)) }
        #expect(token.value == "ok")
        #expect(await cache.fetchCount == 2)
    }

    /// Opens once; every waiter (before or after) proceeds.
    actor Gate {
        private var open = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if open { return }
            await withCheckedContinuation { waiters.append($0) }
        }
        func release() {
            open = true
            waiters.forEach { $0.resume() }
            waiters = []
        }
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let cache = RegistryTokenCache<String>(margin: 60, now: { Date() })
        let gate = Gate()
        let counter = Counter()
        let callers = 8
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    try await cache.token(for: "repository:tools/worker:pull") {
                        _ = await counter.next()
                        await gate.wait()
                        return RegistryToken(value: "shared", expiresOn: Date().addingTimeInterval(600))
                    }.value
                }
            }
            // Hold the fetch until every other caller has joined it (bounded, so a broken cache fails, not hangs).
            var spins = 0
            while await cache.joinCount < callers - 1, await counter.value < callers, spins < 100_000 {
                spins += 1
                await Task.yield()
            }
            await gate.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(tokens == Array(repeating: "shared", count: callers))
        #expect(await counter.value == 1)
        #expect(await cache.fetchCount == 1)
    }

    @Test(arguments: [
        // (token, expected exp) — base64url payloads of every padding length.
        ("eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTAwMDAwMDB9.x", 1_790_000_000.0),          // {"exp":1790000000}
        ("eyJhbGciOiJub25lIn0.eyJleHAiOjEsImEiOiJiIn0.x", 1.0),                      // {"exp":1,"a":"b"}
        ("eyJhbGciOiJub25lIn0.eyJleHAiOjEyfQ.x", 12.0),                              // {"exp":12}: two '=' of padding
        ("eyJhbGciOiJub25lIn0.eyJ4IjoiPz8-In0.x", nil),                               // {"x":"??>"}: no exp, '-' in base64url
        ("not-a-jwt", nil),
        ("a.!!!.c", nil),
    ] as [(String, Double?)])
    func readsJWTExpiry(_ token: String, _ expected: Double?) {
        #expect(JWTClaims.expiry(of: token)?.timeIntervalSince1970 == expected)
    }

    @Test func tokenLifetimeFallsBackToExpiresInThenAShortDefault() throws {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(RegistryToken(value: "opaque", expiresIn: 300, now: now).expiresOn == now.addingTimeInterval(300))
        #expect(RegistryToken(value: "opaque", now: now).expiresOn == now.addingTimeInterval(60))
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTAwMDAwMDB9.x"
        #expect(RegistryToken(value: jwt, expiresIn: 5, now: now).expiresOn == Date(timeIntervalSince1970: 1_790_000_000))
    }
}
