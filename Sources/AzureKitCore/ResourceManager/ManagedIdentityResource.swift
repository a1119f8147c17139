import Foundation
import Logging

/// A user-assigned managed identity as ARM describes it (`Microsoft.ManagedIdentity/userAssignedIdentities`):
/// the client id a node asks the instance metadata endpoint for, and the principal id role assignments name.
public struct ManagedIdentityResource: Decodable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var location: String?
    public var properties: Properties

    public struct Properties: Decodable, Sendable, Equatable {
        public var tenantId: String?
        /// What role assignments are made to.
        public var principalId: String
        /// What code on the node passes as `client_id` (`AZURE_CLIENT_ID`).
        public var clientId: String
    }
}

extension ResourceManagerClient {
    /// `Microsoft.ManagedIdentity` api-version used for identities.
    public static let managedIdentityAPIVersion = "2023-01-31"

    /// Reads a user-assigned identity (needs `Microsoft.ManagedIdentity/userAssignedIdentities/read`, which Reader
    /// on the identity or its group grants).
    /// - Throws: ``AzureServiceError`` (404 `ResourceNotFound` when it does not exist), or ``AzureClientError`` when
    ///   `id` is not a user-assigned identity's id.
    public func userAssignedIdentity(_ id: ResourceID, logger: Logger = .azureDisabled) async throws
        -> ManagedIdentityResource
    {
        guard id.isResourceType("Microsoft.ManagedIdentity/userAssignedIdentities") else {
            throw AzureClientError(
                .invalidArgument,
                "'\(id)' is not a user-assigned managed identity (a Microsoft.ManagedIdentity/userAssignedIdentities id)"
            )
        }
        let response = try await send(
            .get, url: try url(path: id.rawValue, apiVersion: Self.managedIdentityAPIVersion),
            operation: "UserAssignedIdentities_Get", logger: logger,
            spanName: "ResourceManagerClient.userAssignedIdentity")
        return try Self.decode(ManagedIdentityResource.self, from: response, operation: "UserAssignedIdentities_Get")
    }

    /// Resources of `type` called `name` in a subscription (`GET /subscriptions/{id}/resources?$filter=…`), to find
    /// a registry or storage account's id from its name.
    public func resources(
        ofType type: String, named name: String, inSubscription subscriptionID: String,
        logger: Logger = .azureDisabled
    ) async throws -> [ResourceID] {
        let filter = "resourceType eq '\(type)' and name eq '\(name.replacingOccurrences(of: "'", with: "''"))'"
        let items: [GenericResource] = try await operation("ResourceManagerClient.resources") {
            try await list(
                path: "/subscriptions/\(subscriptionID)/resources", apiVersion: "2021-04-01",
                query: [("$filter", filter)], operation: "Resources_List", logger: logger
            ).collect()
        }
        return try items.map { try ResourceID(parsing: $0.id) }
    }

    struct GenericResource: Decodable, Sendable {
        var id: String
    }
}
