import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

/// One fixture per authentication flow of acr-auth.md §1–3.
struct TokenFlowTests {
    static let image = "devregistry.azurecr.io/tools/worker:1.4.2"
    static let digest = "sha256:" + String(repeating: "3f1c", count: 16)

    @Test(arguments: TestTarget.allCases) func adminUserUsesDockerTokenFlowWithBasic(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("admin-basic", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(
                transport, credential: .basic(username: "devregistry", password: Secrets.password))
            let result = try await client.verify(image: Self.image)
            #expect(
                result.outcome == .available(digest: try ImageDigest(parsing: Self.digest), mediaType: .dockerManifest))

            let requests = replayer.requests
            try #require(requests.count == 3)
            #expect(requests[0].headers["Authorization"] == nil)
            let basic = "Basic " + Data("devregistry:\(Secrets.password)".utf8).base64EncodedString()
            #expect(requests[1].headers["Authorization"] == basic)
            #expect(requests[2].headers["Authorization"] == "Bearer \(Secrets.accessToken)")
            #expect(requests[2].method == .head)
            // The challenged HEAD and its answered resend are one operation (the challenge policy runs inside the
            // pipeline): one client request id; the token request is an operation of its own.
            let id = try #require(requests[0].headers["x-ms-client-request-id"])
            #expect(requests[2].headers["x-ms-client-request-id"] == id)
            #expect(requests[1].headers["x-ms-client-request-id"] != id)
        }
    }

    @Test(arguments: TestTarget.allCases) func entraTokenIsExchangedForRefreshThenAccessToken(target: TestTarget)
        async throws
    {
        try await withTestTransport(fixture: .named("entra-exchange", in: .module), target: target) {
            transport, replayer in
            let entra = StaticTokenCredential()
            let client = try Fixtures.client(transport, credential: .entraID(entra))
            let result = try await client.verify(image: Self.image)
            #expect(result.isAvailable)
            #expect(result.digest?.description == Self.digest)

            #expect(entra.requests == [["https://containerregistry.azure.net/.default"]])
            let requests = replayer.requests
            try #require(requests.count == 4)
            #expect(requests[1].path == "/oauth2/exchange")
            #expect(requests[1].url.query == "api-version=2021-07-01")
            // Secrets travel in the form body, never in a header.
            #expect(requests[1].headers["Authorization"] == nil)
            #expect(requests[2].path == "/oauth2/token")
            #expect(requests[2].headers["Authorization"] == nil)
            #expect(requests[3].headers["Authorization"] == "Bearer \(Secrets.accessToken)")
        }
    }

    @Test(arguments: TestTarget.allCases) func exchangeSendsTenantWhenGiven(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("entra-exchange-tenant", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(
                transport,
                credential: .entraID(StaticTokenCredential(), tenantID: "11111111-2222-3333-4444-555555555555"))
            #expect(try await client.verify(image: Self.image).isAvailable)
        }
    }

    @Test(arguments: TestTarget.allCases) func nullGUIDUsernameMeansRefreshToken(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("refresh-token-user", in: .module), target: target) {
            transport, replayer in
            let credential = RegistryCredential.basic(
                username: RegistryCredential.nullGUIDUsername, password: Secrets.refreshToken)
            #expect(credential.username == nil)
            let client = try Fixtures.client(transport, credential: credential)
            #expect(try await client.verify(image: Self.image).isAvailable)
            #expect(replayer.requests[1].headers["Authorization"] == nil)
        }
    }

    @Test(arguments: TestTarget.allCases) func anonymousPullOnACRUsesPasswordGrantWithoutSecret(target: TestTarget)
        async throws
    {
        try await withTestTransport(fixture: .named("anonymous-acr", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, credential: .anonymous)
            let result = try await client.verify(image: "devregistry.azurecr.io/public/hello")
            #expect(result.isAvailable)
            #expect(replayer.requests.allSatisfy { $0.headers["Authorization"] == nil || $0.method == .head })
        }
    }

    @Test func anonymousChallengeOnDockerHubFollowsTheRealm() async throws {
        try await withTestTransport(fixture: .named("anonymous-dockerhub", in: .module), target: .fixture) {
            transport, replayer in
            let client = try Fixtures.client(transport, server: "docker.io", credential: .anonymous)
            #expect(client.endpoint.absoluteString == "https://registry-1.docker.io")
            let result = try await client.verify(image: "ubuntu:24.04")
            #expect(
                result.outcome
                    == .available(
                        digest: try ImageDigest(parsing: "sha256:" + String(repeating: "77aa", count: 16)),
                        mediaType: .ociIndex))
            #expect(replayer.requests[1].url.host == "auth.docker.io")
            #expect(replayer.requests[1].headers["Authorization"] == nil)
            #expect(replayer.requests[2].headers["Authorization"] == "Bearer fake-dockerhub-anonymous-token")
        }
    }

    @Test func manifestProbeAcceptsDockerAndOCIManifestsAndIndexes() async throws {
        let transport = FixtureTransport(fixture: try .named("admin-basic", in: .module))
        let client = try Fixtures.client(
            transport, credential: .basic(username: "devregistry", password: Secrets.password))
        _ = try await client.verify(image: Self.image)
        let accept = try #require(transport.requests.first?.headers["Accept"])
        for type in [
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        ] {
            #expect(accept.contains(type))
        }
        // Docker-distribution style: the repository's slash is sent literally.
        #expect(transport.requests[0].path == "/v2/tools/worker/manifests/1.4.2")
    }

    @Test func entraCredentialOnARegistryWithoutExchangeSaysSo() async throws {
        let fixture = Fixture(
            name: "no-exchange",
            interactions: [
                .init(
                    request: .init(method: "HEAD", url: "https://ghcr.io/v2/team/app/manifests/1"),
                    response: .init(
                        status: 401,
                        headers: [
                            "WWW-Authenticate":
                                #"Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:team/app:pull""#
                        ])),
                .init(
                    request: .init(method: "POST", url: "https://ghcr.io/oauth2/exchange?api-version=2021-07-01"),
                    response: .init(status: 404, body: "404 page not found")),
            ])
        let client = try Fixtures.client(
            FixtureTransport(fixture: fixture), server: "ghcr.io", credential: .entraID(StaticTokenCredential()))
        let error = try await #require(throws: AzureClientError.self) {
            try await client.verify(image: "ghcr.io/team/app:1")
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("only with Azure Container Registry"))
    }

    @Test func entraTokensAreNeverSentToAForeignRealm() async throws {
        let fixture = Fixture(
            name: "foreign-realm",
            interactions: [
                .init(
                    request: .init(method: "HEAD", url: "https://devregistry.azurecr.io/v2/tools/worker/manifests/1"),
                    response: .init(
                        status: 401,
                        headers: [
                            "WWW-Authenticate":
                                #"Bearer realm="https://collector.example.com/oauth2/token",service="devregistry.azurecr.io""#
                        ]))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let entra = StaticTokenCredential()
        let client = try Fixtures.client(transport, credential: .entraID(entra))
        let result = try await client.verify(image: "devregistry.azurecr.io/tools/worker:1")
        guard case .unauthorized(let message) = result.outcome else {
            Issue.record("expected unauthorized, got \(result.outcome)")
            return
        }
        #expect(message.contains("collector.example.com"))
        #expect(transport.requests.count == 1)
        #expect(entra.requests.isEmpty)
    }

    @Test func formValuesArePercentEncoded() {
        #expect(
            FormEncoding.encode([
                ("scope", "repository:tools/worker:pull"), ("empty", ""), ("none", nil), ("t", "a+b=c d~_.-"),
            ])
                == "scope=repository%3Atools%2Fworker%3Apull&t=a%2Bb%3Dc%20d~_.-")
    }

    @Test func bearerOverPlainHTTPToARemoteRealmIsRefused() async throws {
        let challenge = try #require(
            RegistryChallenge(parsing: #"Bearer realm="http://evil.example.com/token",service="x""#))
        let transport = FixtureTransport(fixture: Fixture(name: "none", interactions: []))
        let client = try Fixtures.client(transport, credential: .basic(username: "u", password: Secrets.password))
        await #expect(throws: AzureClientError.self) {
            _ = try await client.authenticator.authorization(
                answering: challenge, host: "devregistry.azurecr.io", scopes: [.pull(repository: "a")], rejected: nil,
                logger: .azureDisabled)
        }
        #expect(transport.requests.isEmpty)
    }
}
