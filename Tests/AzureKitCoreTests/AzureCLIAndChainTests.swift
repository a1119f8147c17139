import AzureKitCore
import Foundation
import Logging
import Testing

@Suite("Azure CLI credential and DefaultAzureCredential")
struct AzureCLIAndChainTests {
    static func cli(status: Int32 = 0, stdout: String = "", stderr: String = "") -> AzureCLICredential {
        AzureCLICredential { arguments, _ in
            #expect(arguments.prefix(3) == ["az", "account", "get-access-token"])
            #expect(arguments.contains("--scope"))
            return .init(status: status, stdout: Data(stdout.utf8), stderr: Data(stderr.utf8))
        }
    }

    @Test("parses the CLI's JSON, preferring the epoch expires_on")
    func cliToken() async throws {
        let credential = Self.cli(
            stdout:
                #"{"accessToken":"cli-token","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"tokenType":"Bearer"}"#
        )
        let token = try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        #expect(token.token == "cli-token")
        #expect(token.expiresOn == Date(timeIntervalSince1970: 4_070_908_800))
    }

    @Test(
        "CLI missing or signed out is 'unavailable'; other failures are errors",
        arguments: [
            (Int32(127), "/usr/bin/env: 'az': No such file or directory not found", true),
            (Int32(1), "ERROR: Please run 'az login' to setup account.", true),
            (Int32(2), "ERROR: unrecognized arguments", false),
        ])
    func cliFailures(status: Int32, stderr: String, unavailable: Bool) async throws {
        let credential = Self.cli(status: status, stderr: stderr)
        do {
            _ = try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
            Issue.record("expected an error")
        } catch is CredentialUnavailableError {
            #expect(unavailable)
        } catch let error as AzureClientError {
            #expect(!unavailable)
            #expect(error.message.contains("unrecognized arguments"))
        }
    }

    struct Unavailable: TokenCredential {
        func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
            throw CredentialUnavailableError(credential: "Unavailable", reason: "not configured in this test")
        }
    }

    struct Failing: TokenCredential {
        func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
            throw AzureClientError(.authenticationFailed, "wrong secret")
        }
    }

    @Test("the chain skips unavailable credentials and remembers the one that worked")
    func chainOrder() async throws {
        let chain = DefaultAzureCredential(chain: [
            Unavailable(), Self.cli(stdout: #"{"accessToken":"t","expires_on":4070908800}"#),
        ])
        let token = try await chain.token(for: ["https://batch.core.windows.net//.default"], logger: .azureDisabled)
        #expect(token.token == "t")
    }

    @Test("a configured credential that fails stops the chain with its own error")
    func chainStopsOnFailure() async throws {
        let chain = DefaultAzureCredential(chain: [
            Failing(), Self.cli(stdout: #"{"accessToken":"t","expires_on":4070908800}"#),
        ])
        let error = await #expect(throws: AzureClientError.self) {
            try await chain.token(for: ["https://batch.core.windows.net//.default"], logger: .azureDisabled)
        }
        #expect(error?.message == "wrong secret")
    }

    @Test("when nothing works the error lists every reason")
    func chainExhausted() async throws {
        let chain = DefaultAzureCredential(chain: [Unavailable(), Unavailable()])
        let error = await #expect(throws: AzureClientError.self) {
            try await chain.token(for: ["s/.default"], logger: .azureDisabled)
        }
        #expect(error?.message.components(separatedBy: "not configured in this test").count == 3)
    }

    @Test("the default chain is built from the environment in the SDKs' order")
    func defaultChainFromEnvironment() throws {
        let configured = try DefaultAzureCredential(environment: [
            "AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "secret-xyz",
            "AZURE_FEDERATED_TOKEN_FILE": "/var/run/secrets/token",
        ])
        #expect(
            configured.chain.map { "\(type(of: $0))" } == [
                "EnvironmentCredential", "WorkloadIdentityCredential", "ManagedIdentityCredential",
                "AzureCLICredential",
            ])
        #expect(!"\(configured)".contains("secret-xyz"))
        let bare = try DefaultAzureCredential(environment: [:])
        #expect(bare.chain.map { "\(type(of: $0))" } == ["ManagedIdentityCredential", "AzureCLICredential"])
        #expect(throws: AzureClientError.self) {
            try DefaultAzureCredential(environment: ["AZURE_AUTHORITY_HOST": "http://evil.example.com"])
        }
    }
}
