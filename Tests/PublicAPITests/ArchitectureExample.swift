// The "Adding a service" example of Docs/Architecture.md, compiled (DocSnippetTests checks it matches the doc).
import AzureKitCore
import Foundation
import Testing

// snippet: Docs/Architecture.md#Adding a service
extension ServiceProfile {
    /// Key Vault: Entra ID only, `{"error": {…}}` errors, `api-version` in the query.
    public static let keyVault = ServiceProfile(
        module: "keyvault-secrets", version: "0.1.0", dateHeader: "x-ms-date",
        clientRequestIDHeader: "x-ms-client-request-id", retry: .standard, errors: .resourceManagerJSON,
        tokenScopes: ["https://vault.azure.net/.default"], sharedKeyScheme: nil, azureNamespace: "Microsoft.KeyVault",
        apiVersion: .query("api-version"), defaultAccept: "application/json")
}

public struct SecretClientOptions: Sendable {
    public var apiVersion = "7.5"
    public var core = ServiceClientOptions()
    public init() {}
}

public struct SecretClient: Sendable {
    let service: ServiceClient

    public init(vaultURL: URL, credential: any TokenCredential, options: SecretClientOptions = .init()) throws {
        service = try ServiceClient(
            endpoint: vaultURL, credential: .token(credential), profile: .keyVault, options: options.core,
            apiVersion: options.apiVersion)
    }

    public func secretValue(_ name: String, logger: Logger = .azureDisabled) async throws -> String {
        let request = try service.request(.get, path: ["secrets", name])
        let response = try await service.execute(
            request, operation: "GetSecret", logger: logger, spanName: "SecretClient.secretValue")
        struct Secret: Decodable { var value: String }
        return try JSONDecoder().decode(Secret.self, from: response.body).value
    }
}
// end snippet

@Suite struct ArchitectureExampleTests {
    @Test func aFourthServiceBuildsItsRequestsFromItsProfile() throws {
        let client = try SecretClient(vaultURL: URL(string: "https://vault1.vault.azure.net")!, credential: NoToken())
        let request = try client.service.request(.get, path: ["secrets", "db password"])
        #expect(request.url.absoluteString == "https://vault1.vault.azure.net/secrets/db%20password?api-version=7.5")
        #expect(request.headers["Accept"] == "application/json")
    }
}

private struct NoToken: TokenCredential {
    func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        throw CancellationError()
    }
}
