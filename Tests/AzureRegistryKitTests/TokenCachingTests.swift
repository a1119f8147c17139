import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

struct TokenCachingTests {
    static let image = "devregistry.azurecr.io/tools/worker:1.4.2"

    @Test(arguments: TestTarget.allCases) func secondPullOfSameScopeSendsNoTokenRequest(target: TestTarget) async throws
    {
        try await withTestTransport(fixture: .named("entra-cached", in: .module), target: target) {
            transport, replayer in
            let entra = StaticTokenCredential()
            let client = try Fixtures.client(transport, credential: .entraID(entra))
            #expect(try await client.verify(image: Self.image).isAvailable)
            let afterFirst = replayer.requests.count
            #expect(try await client.verify(image: Self.image).isAvailable)

            let second = replayer.requests.dropFirst(afterFirst)
            #expect(second.count == 1)
            #expect(second.allSatisfy { !$0.isTokenRequest })
            #expect(second.first?.headers["Authorization"] == "Bearer \(Secrets.accessToken)")
            #expect(entra.requests.count == 1)
        }
    }

    @Test(arguments: TestTarget.allCases) func anotherScopeReusesTheRefreshToken(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("entra-two-repositories", in: .module), target: target) {
            transport, replayer in
            let entra = StaticTokenCredential()
            let client = try Fixtures.client(transport, credential: .entraID(entra))
            #expect(try await client.verify(image: Self.image).isAvailable)
            #expect(try await client.verify(image: "devregistry.azurecr.io/tools/reader:2.0").isAvailable)
            #expect(replayer.requests.filter { $0.path == "/oauth2/exchange" }.count == 1)
            #expect(replayer.requests.filter { $0.path == "/oauth2/token" }.count == 2)
            #expect(entra.requests.count == 1)
        }
    }

    @Test(arguments: TestTarget.allCases) func copiesOfAClientShareTheCache(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("entra-cached", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, credential: .entraID(StaticTokenCredential()))
            let copy = client
            #expect(try await client.verify(image: Self.image).isAvailable)
            #expect(try await copy.verify(image: Self.image).isAvailable)
        }
    }

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_790_000_000)
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    @Test(arguments: TestTarget.allCases) func anotherScopeOnAKnownRegistrySkipsTheChallenge(target: TestTarget)
        async throws
    {
        try await withTestTransport(fixture: .named("entra-two-repositories", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, credential: .entraID(StaticTokenCredential()))
            #expect(try await client.verify(image: Self.image).isAvailable)
            let afterFirst = replayer.requests.count
            #expect(try await client.verify(image: "devregistry.azurecr.io/tools/reader:2.0").isAvailable)
            // The realm is known, so the token is fetched up front: token request, then one authorized HEAD.
            let second = Array(replayer.requests.dropFirst(afterFirst))
            #expect(second.map(\.path) == ["/oauth2/token", "/v2/tools/reader/manifests/2.0"])
            #expect(second.last?.headers["Authorization"]?.hasPrefix("Bearer ") == true)
        }
    }

    /// The refresh token expires at T0 + 1 h. Just over five minutes before that it is reused; just under,
    /// it is exchanged again (the Python SDK does the opposite).
    @Test(arguments: TestTarget.allCases) func refreshTokenIsRenewedWhenFewerThanFiveMinutesRemain(target: TestTarget)
        async throws
    {
        try await withTestTransport(fixture: .named("entra-refresh-renewal", in: .module), target: target) {
            transport, replayer in
            let clock = Clock()
            let entra = StaticTokenCredential()
            let client = try Fixtures.client(transport, credential: .entraID(entra), now: { clock.now })
            #expect(try await client.verify(image: Self.image).isAvailable)
            clock.advance(3600 - 299)
            #expect(try await client.verify(image: "devregistry.azurecr.io/tools/reader:2.0").isAvailable)
            #expect(replayer.requests.filter { $0.path == "/oauth2/exchange" }.count == 2)
            #expect(entra.requests.count == 2)
        }
    }

    @Test func refreshTokenIsReusedWhileMoreThanFiveMinutesRemain() async throws {
        let transport = FixtureTransport(fixture: try .named("entra-refresh-renewal", in: .module))
        let clock = Clock()
        let client = try Fixtures.client(transport, credential: .entraID(StaticTokenCredential()), now: { clock.now })
        #expect(try await client.verify(image: Self.image).isAvailable)
        clock.advance(3600 - 301)
        #expect(try await client.verify(image: "devregistry.azurecr.io/tools/reader:2.0").isAvailable)
        // The same fixture as above: its second exchange stays unused.
        #expect(transport.requests.filter { $0.path == "/oauth2/exchange" }.count == 1)
        #expect(transport.unusedCount == 1)
    }

    @Test(arguments: TestTarget.allCases) func concurrentChecksOfOneScopeShareOneTokenRequest(target: TestTarget)
        async throws
    {
        try await withTestTransport(fixture: .named("entra-concurrent", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, credential: .entraID(StaticTokenCredential()))
            #expect(try await client.verify(image: Self.image).isAvailable)
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.verify(image: "devregistry.azurecr.io/tools/reader:2.0").isAvailable
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results == Array(repeating: true, count: 8))
            #expect(replayer.requests.filter(\.isTokenRequest).count == 3)  // exchange, worker token, reader token
        }
    }

    @Test(
        arguments: [
            // (token, expected exp) — base64url payloads of every padding length.
            ("eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTAwMDAwMDB9.x", 1_790_000_000.0),  // {"exp":1790000000}
            ("eyJhbGciOiJub25lIn0.eyJleHAiOjEsImEiOiJiIn0.x", 1.0),  // {"exp":1,"a":"b"}
            ("eyJhbGciOiJub25lIn0.eyJleHAiOjEyfQ.x", 12.0),  // {"exp":12}: two '=' of padding
            ("eyJhbGciOiJub25lIn0.eyJ4IjoiPz8-In0.x", nil),  // {"x":"??>"}: no exp, '-' in base64url
            ("not-a-jwt", nil),
            ("a.!!!.c", nil),
        ] as [(String, Double?)])
    func readsJWTExpiry(_ token: String, _ expected: Double?) {
        #expect(JWTClaims.expiry(of: token)?.timeIntervalSince1970 == expected)
    }

    @Test func tokenLifetimeFallsBackToExpiresInThenAShortDefault() throws {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(RegistryToken.make("opaque", expiresIn: 300, now: now).expiresOn == now.addingTimeInterval(300))
        #expect(RegistryToken.make("opaque", now: now).expiresOn == now.addingTimeInterval(60))
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTAwMDAwMDB9.x"
        #expect(RegistryToken.make(jwt, expiresIn: 5, now: now).expiresOn == Date(timeIntervalSince1970: 1_790_000_000))
    }
}
