import AzureKitCore

/// A registry entry exactly as Azure Batch takes it (data plane, api-version 2025-06-01,
/// `ContainerRegistryReference`): in a pool's `virtualMachineConfiguration.containerConfiguration.containerRegistries`
/// array, and as a task's `containerSettings.registry`. Both places use the same shape.
///
/// Wire shape (JSON names exactly; absent properties are omitted):
///
/// ```json
/// { "registryServer": "devregistry.azurecr.io", "username": "devregistry", "password": "<secret>" }
/// { "registryServer": "devregistry.azurecr.io",
///   "identityReference": { "resourceId": "/subscriptions/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull-id" } }
/// ```
///
/// - `registryServer` is a bare host (Batch defaults it to `docker.io` when absent).
/// - `identityReference` replaces `username`/`password`. The identity must be attached to the pool and hold
///   `AcrPull` on the registry, and since the data-plane create-pool body cannot attach identities, such pools
///   are created through ARM (where the user field is spelled `userName`; this type is data-plane only).
///
/// The password is encoded (Batch needs it) but never shown by `description`. Never log request bodies that
/// carry this value.
///
/// ```swift
/// let entry = BatchContainerRegistry.password(server: "devregistry.azurecr.io", username: "devregistry", password: password)
/// let body = try JSONEncoder().encode(entry)
/// ```
public struct BatchContainerRegistry: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible
{
    /// `{"resourceId": "<ARM id of a user-assigned managed identity>"}`.
    public struct IdentityReference: Codable, Sendable, Hashable {
        public var resourceId: String
        public init(resourceId: String) { self.resourceId = resourceId }
    }

    public var registryServer: String?
    public var username: String?
    public var password: String?
    public var identityReference: IdentityReference?

    public init(
        registryServer: String? = nil, username: String? = nil, password: String? = nil,
        identityReference: IdentityReference? = nil
    ) {
        self.registryServer = registryServer
        self.username = username
        self.password = password
        self.identityReference = identityReference
    }

    /// Nodes log in with a username and password (admin user, service principal app id + secret, or an ACR
    /// token). The password then sits in the pool definition; prefer ``managedIdentity(server:resourceID:)``.
    public static func password(server: String, username: String, password: String) -> BatchContainerRegistry {
        BatchContainerRegistry(registryServer: server, username: username, password: password)
    }

    /// Nodes pull with a user-assigned managed identity attached to the pool; no secret is stored anywhere.
    ///
    /// - Throws: `AzureClientError` (`.invalidArgument`) when `resourceID` is not the ARM id of a
    ///   user-assigned identity (`/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`).
    public static func managedIdentity(server: String, resourceID: String) throws -> BatchContainerRegistry {
        try validateIdentityResourceID(resourceID)
        return BatchContainerRegistry(
            registryServer: server, identityReference: IdentityReference(resourceId: resourceID))
    }

    static func validateIdentityResourceID(_ id: String) throws {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false).map { $0.lowercased() }
        let ok =
            parts.count == 9 && parts[0].isEmpty && parts[1] == "subscriptions" && !parts[2].isEmpty
            && parts[3] == "resourcegroups" && !parts[4].isEmpty && parts[5] == "providers"
            && parts[6] == "microsoft.managedidentity" && parts[7] == "userassignedidentities" && !parts[8].isEmpty
        guard ok else {
            throw AzureClientError(
                .invalidArgument,
                "'\(id)' is not the resource id of a user-assigned managed identity (expected /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>)"
            )
        }
    }

    public var description: String {
        var fields: [String] = []
        if let registryServer { fields.append("registryServer: \(registryServer)") }
        if let username { fields.append("username: \(username)") }
        if password != nil { fields.append("password: \(Redaction.placeholder)") }
        if let identityReference { fields.append("identityReference: \(identityReference.resourceId)") }
        return "BatchContainerRegistry(\(fields.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }
}
