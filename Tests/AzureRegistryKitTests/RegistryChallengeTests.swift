import Testing

@testable import AzureRegistryKit

struct RegistryChallengeTests {
    @Test func parsesACRChallenge() throws {
        let header =
            #"Bearer realm="https://devregistry.azurecr.io/oauth2/token",service="devregistry.azurecr.io",scope="repository:tools/worker:pull""#
        let challenge = try #require(RegistryChallenge(parsing: header))
        #expect(challenge.isBearer)
        #expect(challenge.realm == "https://devregistry.azurecr.io/oauth2/token")
        #expect(challenge.service == "devregistry.azurecr.io")
        #expect(challenge.scopes == [RegistryScope(type: "repository", name: "tools/worker", actions: ["pull"])])
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        let header: String
        let scheme: String
        let parameters: [String: String]
        var testDescription: String { header }
    }

    static let vectors: [Vector] = [
        // Commas inside quotes are part of the value.
        .init(
            header: #"Bearer realm="https://r.io/token",service="r.io",scope="repository:a/b:pull,push""#,
            scheme: "bearer",
            parameters: ["realm": "https://r.io/token", "service": "r.io", "scope": "repository:a/b:pull,push"]),
        // Spaces around separators and '=', mixed-case scheme and names.
        .init(
            header: #"bearer  Realm = "https://r.io/token" ,  SERVICE="r.io""#, scheme: "bearer",
            parameters: ["realm": "https://r.io/token", "service": "r.io"]),
        // Backslash escapes inside quotes.
        .init(
            header: #"Bearer realm="https://r.io/t",error="invalid_token",error_description="say \"hi\", then \\ go""#,
            scheme: "bearer",
            parameters: [
                "realm": "https://r.io/t", "error": "invalid_token", "error_description": #"say "hi", then \ go"#,
            ]),
        // Unquoted token values.
        .init(
            header: #"Bearer realm="https://r.io/t",service=r.io,error=insufficient_scope"#, scheme: "bearer",
            parameters: ["realm": "https://r.io/t", "service": "r.io", "error": "insufficient_scope"]),
        // Empty quoted value, and '=' inside quotes.
        .init(header: #"Bearer realm="",scope="a=b""#, scheme: "bearer", parameters: ["realm": "", "scope": "a=b"]),
        .init(
            header: #"Basic realm="Azure Container Registry""#, scheme: "basic",
            parameters: ["realm": "Azure Container Registry"]),
        .init(header: "Bearer", scheme: "bearer", parameters: [:]),
        // Two challenges in one header: the first one is kept.
        .init(
            header: #"Bearer realm="https://r.io/t",service="r.io", Basic realm="x""#, scheme: "bearer",
            parameters: ["realm": "https://r.io/t", "service": "r.io"]),
    ]

    @Test(arguments: vectors)
    func parsesEdgeCases(_ vector: Vector) throws {
        let challenge = try #require(RegistryChallenge(parsing: vector.header))
        #expect(challenge.scheme == vector.scheme)
        #expect(challenge.parameters == vector.parameters)
    }

    @Test(arguments: ["", "   ", #"Bearer realm="unterminated"#, #"Bearer realm="a" service="b""#, #"Bearer ="x""#])
    func rejectsMalformedHeaders(_ header: String) {
        #expect(RegistryChallenge(parsing: header) == nil)
    }

    @Test func multipleScopesAreSpaceSeparated() throws {
        let challenge = try #require(
            RegistryChallenge(parsing: #"Bearer realm="https://r.io/t",scope="repository:a:pull registry:catalog:*""#))
        #expect(challenge.scopes.map(\.description) == ["repository:a:pull", "registry:catalog:*"])
    }

    @Test func prefersBearerAmongSeveralHeaders() throws {
        let chosen = RegistryChallenge.first(in: [#"Basic realm="x""#, #"Bearer realm="https://r.io/t""#])
        #expect(chosen?.isBearer == true)
        #expect(RegistryChallenge.first(in: ["garbage \"", #"Basic realm="x""#])?.isBasic == true)
        #expect(RegistryChallenge.first(in: []) == nil)
    }

    @Test(arguments: [
        ("repository:tools/worker:pull", "repository", "tools/worker", ["pull"]),
        ("repository:a/b/c:pull,push", "repository", "a/b/c", ["pull", "push"]),
        ("registry:catalog:*", "registry", "catalog", ["*"]),
        ("repository:localhost:5000/x:pull", "repository", "localhost:5000/x", ["pull"]),
    ])
    func parsesScopes(_ text: String, _ type: String, _ name: String, _ actions: [String]) throws {
        let scope = try #require(RegistryScope(parsing: text))
        #expect(scope.type == type)
        #expect(scope.name == name)
        #expect(scope.actions == actions)
        #expect(scope.description == text)
    }

    @Test(arguments: ["", "repository", "repository:x", "::pull", "repository::pull"])
    func rejectsBadScopes(_ text: String) {
        #expect(RegistryScope(parsing: text) == nil)
    }
}
