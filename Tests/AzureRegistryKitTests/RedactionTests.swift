import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

/// Secrets never appear in descriptions, errors or logs.
struct RedactionTests {
    static func expectNoSecrets(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in Secrets.all {
            #expect(!text.contains(secret), "a secret leaked into: \(text.prefix(200))", sourceLocation: sourceLocation)
        }
        // Basic auth header values would leak the password base64-encoded.
        #expect(
            !text.contains(Data("devregistry:\(Secrets.password)".utf8).base64EncodedString()),
            sourceLocation: sourceLocation)
    }

    @Test func credentialDescriptionsHideSecrets() {
        let credentials: [RegistryCredential] = [
            .basic(username: "devregistry", password: Secrets.password),
            .acrRefreshToken(Secrets.refreshToken),
            .basic(username: RegistryCredential.nullGUIDUsername, password: Secrets.refreshToken),
            .entraID(StaticTokenCredential(), tenantID: "tenant"),
            .anonymous,
        ]
        for credential in credentials {
            Self.expectNoSecrets(credential.description)
            Self.expectNoSecrets(credential.debugDescription)
            Self.expectNoSecrets(String(reflecting: credential))
            Self.expectNoSecrets("\(credential)")
        }
        #expect(credentials[0].description.contains("devregistry"))
        #expect(credentials[0].description.contains(Redaction.placeholder))
    }

    @Test func tokenAndRegistryEntryDescriptionsHideSecrets() throws {
        let token = RegistryToken.make(Secrets.accessToken, now: Date())
        Self.expectNoSecrets(token.description)
        Self.expectNoSecrets(String(reflecting: token))
        let entry = RegistryAccess.NodeLogin.password(username: "devregistry", password: Secrets.password)
        Self.expectNoSecrets(entry.description)
        Self.expectNoSecrets(String(reflecting: entry))
        let access = RegistryAccess.adminUser(
            loginServer: "devregistry.azurecr.io", username: "devregistry", password: Secrets.password)
        Self.expectNoSecrets(access.description)
        Self.expectNoSecrets(String(describing: try access.client().credential))
    }

    @Test func logsOfEveryFlowHideSecrets() async throws {
        let flows: [(String, RegistryCredential)] = [
            ("admin-basic", .basic(username: "devregistry", password: Secrets.password)),
            ("entra-exchange", .entraID(StaticTokenCredential())),
            ("refresh-token-user", .acrRefreshToken(Secrets.refreshToken)),
            ("preflight-unauthorized", .basic(username: "devregistry", password: Secrets.password)),
        ]
        for (name, credential) in flows {
            let (logger, logs) = TestLogHandler.logger(label: name)
            let transport = FixtureTransport(fixture: try .named(name, in: .module))
            let result = try await Fixtures.client(transport, credential: credential)
                .verify(image: "devregistry.azurecr.io/tools/worker:1.4.2", logger: logger)
            #expect(!logs.text.isEmpty, "\(name): the pipeline logged nothing, so this test proves nothing")
            #expect(logs.text.contains("/oauth2/"), "\(name): token requests were not logged")
            // Each token the flow obtained is logged once at info, naming the registry and scope, never the token.
            let acquired = logs.entries(withMessage: "registry token acquired")
            #expect(acquired.isEmpty == (name == "preflight-unauthorized"), "\(name): \(acquired.count) token lines")
            #expect(
                acquired.allSatisfy {
                    $0.level == .info && $0.metadata["az-scopes"]?.contains("repository:tools/worker:pull") == true
                })
            Self.expectNoSecrets(logs.text)
            Self.expectNoSecrets(result.description)
            Self.expectNoSecrets(String(reflecting: result))
        }
    }

    @Test func tokenEndpointErrorsHideSecrets() async throws {
        let transport = FixtureTransport(fixture: try .named("preflight-unauthorized", in: .module))
        let client = try Fixtures.client(
            transport, credential: .basic(username: "devregistry", password: Secrets.password))
        let challenge = try #require(
            RegistryChallenge(
                parsing:
                    #"Bearer realm="https://devregistry.azurecr.io/oauth2/token",service="devregistry.azurecr.io",scope="repository:tools/worker:pull""#
            ))
        // Consume the recorded 401 so the token request is next.
        let manifest = try #require(URL(string: "https://devregistry.azurecr.io/v2/tools/worker/manifests/1.4.2"))
        let accept = ManifestMediaType.imageTypes.map(\.rawValue).joined(separator: ", ")
        _ = try await client.pipeline.send(
            HTTPRequest(method: .head, url: manifest, headers: ["Accept": accept]), operation: "warm-up")
        let error = try await #require(throws: AzureServiceError.self) {
            try await client.authenticator.authorization(
                answering: challenge, host: "devregistry.azurecr.io",
                scopes: [.pull(repository: "tools/worker")], rejected: nil, logger: .azureDisabled)
        }
        #expect(error.status == 401)
        #expect(error.code == .registryUnauthorized)
        Self.expectNoSecrets(error.description)
        Self.expectNoSecrets(String(reflecting: error))
    }
}
