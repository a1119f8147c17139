import AzureKitCore
import Foundation
import Testing

@testable import AzureRegistryKit

struct RegistryAccessTests {
    static let identityID =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/batch-pull-identity"

    @Test(arguments: [
        "", "batch-pull-identity", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a",
        "/subscriptions//resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a",
        "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/",
    ])
    func rejectsResourceIDsThatAreNotUserAssignedIdentities(_ id: String) {
        #expect(throws: AzureClientError.self) {
            try RegistryAccess.managedIdentity(
                loginServer: "r.azurecr.io", identityResourceID: id, preflight: StaticTokenCredential())
        }
    }

    @Test func acceptsResourceIDsCaseInsensitively() throws {
        _ = try RegistryAccess.managedIdentity(
            loginServer: "r.azurecr.io", identityResourceID: Self.identityID.lowercased(),
            preflight: StaticTokenCredential())
    }

    @Test func registryAccessPairsPreflightCredentialWithNodeLogin() throws {
        let admin = RegistryAccess.adminUser(
            loginServer: "devregistry.azurecr.io", username: "devregistry", password: Secrets.password)
        #expect(admin.credential.username == "devregistry")
        #expect(admin.nodeLogin == .password(username: "devregistry", password: Secrets.password))

        let identity = try RegistryAccess.managedIdentity(
            loginServer: "devregistry.azurecr.io", identityResourceID: Self.identityID,
            preflight: StaticTokenCredential())
        #expect(identity.nodeLogin == .managedIdentity(resourceID: Self.identityID))
        #expect(identity.credential.description.hasPrefix("RegistryCredential.entraID"))

        let anonymous = RegistryAccess.anonymous(loginServer: "mcr.microsoft.com")
        #expect(anonymous.nodeLogin == nil)
        #expect(anonymous.credential.isAnonymous)
        #expect(try anonymous.client().endpoint.absoluteString == "https://mcr.microsoft.com")
    }
}
