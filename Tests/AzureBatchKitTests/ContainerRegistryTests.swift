import Foundation
import Testing

@testable import AzureBatchKit

/// The pool's registry entry (`ContainerRegistryReference`, data plane): AzureBatchKit owns the wire type.
struct ContainerRegistryTests {
    static let identityID =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/batch-pull-identity"

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The wire shape from the Python SDK's captured create-pool body (acr-auth.md §5).
    @Test func passwordEntryMatchesTheWireShape() throws {
        let entry = ContainerRegistry.basic(
            "devregistry.azurecr.io", username: "devregistry", password: "fake-acr-password-not-a-secret")
        #expect(
            try Self.json(entry)
                == #"{"password":"fake-acr-password-not-a-secret","registryServer":"devregistry.azurecr.io","username":"devregistry"}"#
        )
        #expect(!entry.description.contains("fake-acr-password-not-a-secret"))
    }

    @Test func managedIdentityEntryMatchesTheWireShape() throws {
        let entry = ContainerRegistry.managedIdentity("devregistry.azurecr.io", resourceID: Self.identityID)
        #expect(
            try Self.json(entry)
                == #"{"identityReference":{"resourceId":"\#(Self.identityID)"},"registryServer":"devregistry.azurecr.io"}"#
        )
        #expect(try JSONDecoder().decode(ContainerRegistry.self, from: Data(try Self.json(entry).utf8)) == entry)
    }
}
