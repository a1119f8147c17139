import AzureKitCore
import Foundation

/// Everything a job needs to know about one registry, as one value: how the SDK checks images before
/// creating a pool (``credential``) and what the pool or task carries so nodes can pull (``batchRegistry``).
///
/// ```swift
/// // from the original job's config: admin user and password
/// let access = RegistryAccess.adminUser(loginServer: "devregistry.azurecr.io", username: "devregistry", password: password)
/// // preferred: nodes pull with a managed identity, the preflight uses the caller's Entra identity
/// let access = try RegistryAccess.managedIdentity(loginServer: "devregistry.azurecr.io",
///                                                 identityResourceID: identityID, preflight: cliCredential)
///
/// try await access.client().verify(image: image).requireAvailable()
/// pool.containerRegistries = [access.batchRegistry].compactMap { $0 }
/// ```
public struct RegistryAccess: Sendable, CustomStringConvertible {
    /// The registry host, as in image references.
    public let loginServer: String
    /// What the SDK authenticates with for preflight checks.
    public let credential: RegistryCredential
    /// The pool's `containerRegistries` entry / the task's `containerSettings.registry`; `nil` for a registry
    /// that allows anonymous pull (Batch needs no entry then).
    public let batchRegistry: BatchContainerRegistry?

    public init(loginServer: String, credential: RegistryCredential, batchRegistry: BatchContainerRegistry?) {
        self.loginServer = loginServer
        self.credential = credential
        self.batchRegistry = batchRegistry
    }

    /// Admin user, service principal or ACR token: the same username and password for the preflight check
    /// and for the nodes.
    public static func adminUser(loginServer: String, username: String, password: String) -> RegistryAccess {
        RegistryAccess(
            loginServer: loginServer, credential: .basic(username: username, password: password),
            batchRegistry: .password(server: loginServer, username: username, password: password))
    }

    /// Nodes pull with the pool's user-assigned identity (`identityReference`); the preflight check runs as
    /// `preflight` (the user's Entra identity), which needs pull rights too.
    ///
    /// - Throws: `AzureClientError` when `identityResourceID` is not a user-assigned identity's ARM id.
    public static func managedIdentity(
        loginServer: String, identityResourceID: String, preflight: any TokenCredential,
        tenantID: String? = nil
    ) throws -> RegistryAccess {
        RegistryAccess(
            loginServer: loginServer, credential: .entraID(preflight, tenantID: tenantID),
            batchRegistry: try .managedIdentity(server: loginServer, resourceID: identityResourceID))
    }

    /// A public registry (or one with anonymous pull enabled).
    public static func anonymous(loginServer: String) -> RegistryAccess {
        RegistryAccess(loginServer: loginServer, credential: .anonymous, batchRegistry: nil)
    }

    /// A client for preflight checks against this registry.
    public func client(options: ContainerRegistryClientOptions = .init()) throws -> ContainerRegistryClient {
        try ContainerRegistryClient(loginServer: loginServer, credential: credential, options: options)
    }

    public var description: String {
        "RegistryAccess(loginServer: \(loginServer), credential: \(credential), batchRegistry: \(batchRegistry.map(\.description) ?? "none"))"
    }
}
