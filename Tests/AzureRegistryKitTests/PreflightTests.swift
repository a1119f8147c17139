import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

/// The four outcomes of `verify(image:)`.
struct PreflightTests {
    static let admin = RegistryCredential.basic(username: "devregistry", password: Secrets.password)

    @Test func okCarriesTheDigest() async throws {
        let transport = FixtureTransport(fixture: try .named("admin-basic", in: .module))
        let result = try await Fixtures.client(transport, credential: Self.admin).verify(
            image: "devregistry.azurecr.io/tools/worker:1.4.2")
        #expect(result.isAvailable)
        #expect(try result.requireAvailable()?.description == "sha256:" + String(repeating: "3f1c", count: 16))
        #expect(result.description.contains("is available"))
    }

    /// Fixture only: the recorded 404 answers a HEAD with an error body, which a real socket never carries (the
    /// loopback answer to a HEAD has no body, and the client says "not found" without the registry's code).
    @Test func missingTagIsNotFound() async throws {
        try await withTestTransport(fixture: .named("preflight-not-found", in: .module), target: .fixture) {
            transport, replayer in
            let result = try await Fixtures.client(transport, credential: Self.admin).verify(
                image: "devregistry.azurecr.io/tools/worker:9.9.9")
            guard case .notFound(let code, let message) = result.outcome else {
                Issue.record("expected notFound, got \(result.outcome)")
                return
            }
            #expect(code == .manifestUnknown)
            #expect(message.contains("9.9.9"))
            #expect(result.description.contains("9.9.9 is not in repository devregistry.azurecr.io/tools/worker"))
            let error = try #require(throws: ImageUnavailableError.self) { try result.requireAvailable() }
            #expect(error.description == result.description)
        }
    }

    /// A registry that needs no authentication answers a HEAD 404 with no body at all.
    @Test func bodylessNotFoundWithoutAuthentication() async throws {
        let fixture = Fixture(
            name: "open-registry",
            interactions: [
                .init(
                    request: .init(method: "HEAD", url: "http://localhost:5000/v2/team/app/manifests/2.0"),
                    response: .init(status: 404))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let result = try await Fixtures.client(transport, server: "localhost:5000", credential: .anonymous).verify(
            image: "localhost:5000/team/app:2.0")
        #expect(result.outcome == .notFound(code: nil, message: "not found"))
        #expect(
            result.description
                == "image localhost:5000/team/app:2.0 was not found: the repository or its tag does not exist")
        #expect(transport.requests.count == 1)
        #expect(transport.requests[0].headers["Authorization"] == nil)
    }

    /// The token endpoint refuses the password (401), or the token lacks pull rights and the registry says 403.
    @Test(arguments: [("preflight-unauthorized", "HTTP 401 UNAUTHORIZED"), ("preflight-denied", "HTTP 403 DENIED")])
    func refusedCredentialsAreUnauthorized(_ fixture: String, _ expected: String) async throws {
        let transport = FixtureTransport(fixture: try .named(fixture, in: .module))
        let result = try await Fixtures.client(transport, credential: Self.admin).verify(
            image: "devregistry.azurecr.io/tools/worker:1.4.2")
        guard case .unauthorized(let message) = result.outcome else {
            Issue.record("expected unauthorized, got \(result.outcome)")
            return
        }
        #expect(message.contains(expected))
        #expect(result.description.hasPrefix("not allowed to pull devregistry.azurecr.io/tools/worker:1.4.2"))
        try transport.assertAllUsed()
    }

    @Test(arguments: [TransportError.Kind.hostNotFound, .connectionFailed, .timedOut])
    func transportFailureIsUnreachable(_ kind: TransportError.Kind) async throws {
        let client = try Fixtures.client(
            UnreachableTransport(kind: kind), server: "nosuchregistry.azurecr.io", credential: Self.admin)
        let result = try await client.verify(image: "nosuchregistry.azurecr.io/tools/worker:1.4.2")
        guard case .unreachable(let message) = result.outcome else {
            Issue.record("expected unreachable, got \(result.outcome)")
            return
        }
        #expect(message.contains(kind.rawValue))
        #expect(message.contains("nosuchregistry.azurecr.io"))
    }

    @Test func challengeWithoutCredentialSupportIsUnauthorized() async throws {
        let fixture = Fixture(
            name: "basic-challenge",
            interactions: [
                .init(
                    request: .init(method: "HEAD", url: "https://r.example.com/v2/app/manifests/1"),
                    response: .init(status: 401, headers: ["WWW-Authenticate": #"Basic realm="r""#]))
            ])
        let client = try Fixtures.client(
            FixtureTransport(fixture: fixture), server: "r.example.com", credential: .anonymous)
        let result = try await client.verify(image: "r.example.com/app:1")
        #expect(
            result.outcome
                == .unauthorized(
                    message:
                        "the registry asks for basic authentication, which RegistryCredential.anonymous cannot provide")
        )
    }

    @Test func basicChallengeIsAnsweredWithBasicAndRememberedForTheNextCheck() async throws {
        let head = Fixture.RecordedRequest(method: "HEAD", url: "https://r.example.com/v2/app/manifests/1")
        let ok = Fixture.RecordedResponse(
            status: 200, headers: ["Docker-Content-Digest": "sha256:" + String(repeating: "0", count: 64)])
        let fixture = Fixture(
            name: "basic",
            interactions: [
                .init(request: head, response: .init(status: 401, headers: ["WWW-Authenticate": #"Basic realm="r""#])),
                .init(request: head, response: ok), .init(request: head, response: ok),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try Fixtures.client(
            transport, server: "r.example.com", credential: .basic(username: "u", password: Secrets.password))
        #expect(try await client.verify(image: "r.example.com/app:1").isAvailable)
        #expect(try await client.verify(image: "r.example.com/app:1").isAvailable)
        let basic = "Basic " + Data("u:\(Secrets.password)".utf8).base64EncodedString()
        #expect(transport.requests.map { $0.headers["Authorization"] } == [nil, basic, basic])
    }

    @Test func imageFromAnotherRegistryIsRejected() async throws {
        let client = try Fixtures.client(UnreachableTransport(kind: .connectionFailed), credential: Self.admin)
        let error = try await #require(throws: AzureClientError.self) {
            try await client.verify(image: "otherregistry.azurecr.io/tools/worker:1.4.2")
        }
        #expect(error.kind == .invalidArgument)
        #expect(error.message.contains("otherregistry.azurecr.io"))
    }

    @Test func invalidReferenceThrowsBeforeAnyRequest() async throws {
        let transport = FixtureTransport(fixture: Fixture(name: "none", interactions: []))
        let client = try Fixtures.client(transport, credential: Self.admin)
        await #expect(throws: ContainerImageReferenceError.self) {
            try await client.verify(image: "devregistry.azurecr.io/Tools:1")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test(arguments: [
        ("devregistry.azurecr.io", "devregistry.azurecr.io", "https://devregistry.azurecr.io"),
        ("https://devregistry.azurecr.io/", "devregistry.azurecr.io", "https://devregistry.azurecr.io"),
        ("docker.io", "docker.io", "https://registry-1.docker.io"),
        ("index.docker.io", "docker.io", "https://registry-1.docker.io"),
        ("localhost:5000", "localhost:5000", "http://localhost:5000"),
        ("127.0.0.1:5000", "127.0.0.1:5000", "http://127.0.0.1:5000"),
    ])
    func resolvesLoginServers(_ input: String, _ server: String, _ endpoint: String) throws {
        let client = try ContainerRegistryClient(loginServer: input)
        #expect(client.loginServer == server)
        #expect(client.endpoint.absoluteString == endpoint)
    }

    @Test(arguments: ["", "http://devregistry.azurecr.io", "devregistry.azurecr.io/tools", "user:pw@host.io"])
    func rejectsBadLoginServers(_ input: String) {
        #expect(throws: AzureClientError.self) { try ContainerRegistryClient(loginServer: input) }
    }
}
