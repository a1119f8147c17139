import AzureKitCore
import Foundation
import Testing

@testable import AzureRegistryKit

struct BatchContainerRegistryTests {
    static let identityID =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/batch-pull-identity"

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The wire shape from the Python SDK's captured create-pool body (acr-auth.md §5).
    @Test func passwordEntryMatchesTheWireShape() throws {
        let entry = BatchContainerRegistry.password(
            server: "devregistry.azurecr.io", username: "devregistry",
            password: "fake-acr-password-not-a-secret")
        #expect(
            try Self.json(entry)
                == #"{"password":"fake-acr-password-not-a-secret","registryServer":"devregistry.azurecr.io","username":"devregistry"}"#
        )
    }

    @Test func managedIdentityEntryMatchesTheWireShape() throws {
        let entry = try BatchContainerRegistry.managedIdentity(
            server: "devregistry.azurecr.io", resourceID: Self.identityID)
        #expect(
            try Self.json(entry)
                == #"{"identityReference":{"resourceId":"\#(Self.identityID)"},"registryServer":"devregistry.azurecr.io"}"#
        )
        #expect(try JSONDecoder().decode(BatchContainerRegistry.self, from: Data(try Self.json(entry).utf8)) == entry)
    }

    @Test(arguments: [
        "", "batch-pull-identity", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a",
        "/subscriptions//resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a",
        "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/",
    ])
    func rejectsResourceIDsThatAreNotUserAssignedIdentities(_ id: String) {
        #expect(throws: AzureClientError.self) {
            try BatchContainerRegistry.managedIdentity(server: "r.azurecr.io", resourceID: id)
        }
    }

    @Test func acceptsResourceIDsCaseInsensitively() throws {
        _ = try BatchContainerRegistry.managedIdentity(server: "r.azurecr.io", resourceID: Self.identityID.lowercased())
    }

    @Test func registryAccessPairsPreflightCredentialWithPoolEntry() throws {
        let admin = RegistryAccess.adminUser(
            loginServer: "devregistry.azurecr.io", username: "devregistry", password: Secrets.password)
        #expect(admin.credential.username == "devregistry")
        #expect(
            admin.batchRegistry
                == .password(server: "devregistry.azurecr.io", username: "devregistry", password: Secrets.password))

        let identity = try RegistryAccess.managedIdentity(
            loginServer: "devregistry.azurecr.io", identityResourceID: Self.identityID,
            preflight: StaticTokenCredential())
        #expect(identity.batchRegistry?.identityReference?.resourceId == Self.identityID)
        #expect(identity.batchRegistry?.password == nil)
        #expect(identity.credential.description.hasPrefix("RegistryCredential.entraID"))

        let anonymous = RegistryAccess.anonymous(loginServer: "mcr.microsoft.com")
        #expect(anonymous.batchRegistry == nil)
        #expect(anonymous.credential.isAnonymous)
        #expect(try anonymous.client().endpoint.absoluteString == "https://mcr.microsoft.com")
    }
}
