import AzureKitCore
import AzureKitTesting
import Foundation
import Logging
import Testing

@Suite("Entra ID credentials")
struct IdentityCredentialTests {
    static let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    static let secret = "s3cr3t-value-never-logged"

    static func tokenResponse(_ token: String, expiresIn: Int = 3599) -> Fixture.RecordedResponse {
        .init(
            status: 200, headers: ["Content-Type": "application/json"],
            body:
                #"{"token_type":"Bearer","expires_in":\#(expiresIn),"ext_expires_in":3599,"access_token":"\#(token)"}"#)
    }

    @Test("client secret: form POST to the tenant's v2 endpoint, then served from cache")
    func clientSecret() async throws {
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "client-secret",
                interactions: [
                    .init(
                        request: .init(
                            method: "POST", url: "https://login.microsoftonline.com/\(Self.tenant)/oauth2/v2.0/token",
                            headers: ["Content-Type": "application/x-www-form-urlencoded"],
                            body:
                                "client_id=app-id&client_secret=\(Self.secret)&scope=https%3A%2F%2Fbatch.core.windows.net%2F%2F.default&grant_type=client_credentials"
                        ),
                        response: Self.tokenResponse("eyJ0eXAi.batch"))
                ]))
        let credential = try ClientSecretCredential(
            tenantID: Self.tenant, clientID: "app-id", clientSecret: Self.secret, options: .init(transport: transport))
        let (logger, log) = TestLogHandler.logger(level: .debug)
        let first = try await credential.token(for: ["https://batch.core.windows.net//.default"], logger: logger)
        let second = try await credential.token(for: ["https://batch.core.windows.net//.default"], logger: logger)
        #expect(first.token == "eyJ0eXAi.batch" && second == first)
        // The acquisition is logged once (the second token came from the cache), at info, without the token or secret.
        let acquired = log.entries(withMessage: "token acquired")
        #expect(acquired.count == 1 && acquired.first?.level == .info)
        #expect(acquired.first?.metadata["az-credential"] == "ClientSecretCredential")
        #expect(acquired.first?.metadata["az-expires-on"]?.hasSuffix("Z") == true)
        #expect(!log.text.contains("eyJ0eXAi") && !log.text.contains(Self.secret))
        #expect(first.expiresOn > Date().addingTimeInterval(3500))
        #expect(transport.requests.count == 1)
        try transport.assertAllUsed()
        #expect(!"\(credential)".contains(Self.secret))
        #expect(!"\(first)".contains("eyJ0eXAi"))
    }

    @Test("an Entra error becomes a typed error with the AADSTS text and without the secret")
    func clientSecretRejected() async throws {
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "client-secret-bad",
                interactions: [
                    .init(
                        request: .init(
                            method: "POST", url: "https://login.microsoftonline.com/\(Self.tenant)/oauth2/v2.0/token"),
                        response: .init(
                            status: 401,
                            body:
                                #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1"}"#
                        ))
                ]))
        let credential = try ClientSecretCredential(
            tenantID: Self.tenant, clientID: "app-id", clientSecret: Self.secret, options: .init(transport: transport))
        let error = await #expect(throws: AzureClientError.self) {
            try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.message.contains("AADSTS7000215") == true)
        #expect(error?.message.contains("invalid_client") == true)
        #expect(error.map { "\($0)" }?.contains(Self.secret) == false)
    }

    @Test(
        "bad constructor input gets typed errors",
        arguments: [
            ("", "app", "secret", "tenant id is empty"),
            ("contoso/../evil", "app", "secret", "may contain only"),
            (IdentityCredentialTests.tenant, " ", "secret", "client id is empty"),
            (IdentityCredentialTests.tenant, "app", "", "client secret is empty"),
        ])
    func invalidInput(tenant: String, client: String, secret: String, expected: String) throws {
        let error = #expect(throws: AzureClientError.self) {
            try ClientSecretCredential(tenantID: tenant, clientID: client, clientSecret: secret)
        }
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test(
        "a garbage token response is a typed error, not a crash",
        arguments: [
            "", "not json", "[]", #"{"token_type":"Bearer"}"#, #"{"access_token":"x"}"#,
            #"{"access_token":"","expires_in":1}"#,
        ])
    func garbageTokenResponse(body: String) async throws {
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "garbage",
                interactions: [
                    .init(
                        request: .init(
                            method: "POST", url: "https://login.microsoftonline.com/\(Self.tenant)/oauth2/v2.0/token"),
                        response: .init(status: 200, body: body))
                ]))
        let credential = try ClientSecretCredential(
            tenantID: Self.tenant, clientID: "a", clientSecret: "b", options: .init(transport: transport))
        await #expect(throws: AzureClientError.self) {
            try await credential.token(for: ["s/.default"], logger: .azureDisabled)
        }
    }

    @Test("workload identity sends the federated token file as a client assertion")
    func workloadIdentity() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("federated-\(UUID().uuidString).jwt")
        try "header.payload.signature\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "workload",
                interactions: [
                    .init(
                        request: .init(
                            method: "POST", url: "https://login.example.test/\(Self.tenant)/oauth2/v2.0/token",
                            body:
                                "client_id=wi-app&scope=https%3A%2F%2Fstorage.azure.com%2F.default&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=header.payload.signature&grant_type=client_credentials"
                        ),
                        response: Self.tokenResponse("wi-token"))
                ]))
        let environment: EnvironmentVariables = [
            "AZURE_TENANT_ID": Self.tenant, "AZURE_CLIENT_ID": "wi-app", "AZURE_FEDERATED_TOKEN_FILE": file.path,
            "AZURE_AUTHORITY_HOST": "https://login.example.test",
        ]
        let credential = try WorkloadIdentityCredential(
            environment: environment, options: IdentityOptions.from(environment: environment, transport: transport))
        let token = try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        #expect(token.token == "wi-token")
        try transport.assertAllUsed()
    }

    @Test("managed identity: IMDS and App Service requests", arguments: [false, true])
    func managedIdentity(appService: Bool) async throws {
        let expectedURL =
            appService
            ? "http://127.0.0.1:41000/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fbatch.core.windows.net%2F&client_id=uami"
            : "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fbatch.core.windows.net%2F&client_id=uami"
        let headers = appService ? ["X-IDENTITY-HEADER": "header-value"] : ["Metadata": "true"]
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "mi",
                interactions: [
                    .init(
                        request: .init(method: "GET", url: expectedURL, headers: headers),
                        response: .init(
                            status: 200,
                            body:
                                #"{"access_token":"mi-token","expires_on":"4102444800","resource":"https://batch.core.windows.net/","token_type":"Bearer"}"#
                        ))
                ]))
        let environment: EnvironmentVariables =
            appService
            ? [
                "IDENTITY_ENDPOINT": "http://127.0.0.1:41000/msi/token", "IDENTITY_HEADER": "header-value",
                "AZURE_CLIENT_ID": "uami",
            ]
            : ["AZURE_CLIENT_ID": "uami"]
        let credential = ManagedIdentityCredential(environment: environment, transport: transport)
        let token = try await credential.token(
            for: ["https://batch.core.windows.net//.default"], logger: .azureDisabled)
        #expect(token.token == "mi-token")
        #expect(token.expiresOn == Date(timeIntervalSince1970: 4_102_444_800))
        try transport.assertAllUsed()
    }

    @Test("managed identity off Azure is unavailable, not an error")
    func managedIdentityUnreachable() async throws {
        struct Unreachable: HTTPTransport {
            func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
                throw TransportError(kind: .timedOut, host: request.url.host ?? "", detail: "no IMDS here")
            }
        }
        let credential = ManagedIdentityCredential(environment: [:], transport: Unreachable())
        await #expect(throws: CredentialUnavailableError.self) {
            try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        }
    }
}
