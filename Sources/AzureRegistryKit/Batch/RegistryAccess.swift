import AzureKitCore
import Foundation

/// Everything a job needs to know about one registry, as one value: how the SDK checks images before
/// creating a pool (``credential``) and how the pool's nodes log in to pull (``nodeLogin``).
///
/// The pool's registry entry itself is AzureBatchKit's `ContainerRegistry` (Batch owns its wire type); the
/// application that uses both modules builds it from ``loginServer`` and ``nodeLogin`` in one place.
///
/// ```swift
/// // from the original job's config: admin user and password
/// let access = RegistryAccess.adminUser(loginServer: "devregistry.azurecr.io", username: "devregistry", password: password)
/// // preferred: nodes pull with a managed identity, the preflight uses the caller's Entra identity
/// let access = try RegistryAccess.managedIdentity(loginServer: "devregistry.azurecr.io",
///                                                 identityResourceID: identityID, preflight: cliCredential)
///
/// try await access.client().verify(image: image).requireAvailable()
/// switch access.nodeLogin {
/// case .password(let username, let password)?: pool.containerRegistries = [.basic(access.loginServer, username: username, password: password)]
/// case .managedIdentity(let id)?: pool.containerRegistries = [.managedIdentity(access.loginServer, resourceID: id)]
/// case nil: break   // anonymous pull: Batch needs no entry
/// }
/// ```
public struct RegistryAccess: Sendable, CustomStringConvertible {
    /// How a pool's nodes log in to the registry to pull images.
    public enum NodeLogin: Sendable, Hashable, CustomStringConvertible {
        /// A username and password (admin user, service principal app id + secret, or an ACR token). The
        /// password then sits in the pool definition; prefer ``managedIdentity(resourceID:)``.
        case password(username: String, password: String)
        /// A user-assigned managed identity attached to the pool, by ARM resource id; no secret is stored anywhere.
        case managedIdentity(resourceID: String)

        public var description: String {
            switch self {
            case .password(let username, _): "password(username: \(username), password: \(Redaction.placeholder))"
            case .managedIdentity(let resourceID): "managedIdentity(\(resourceID))"
            }
        }
    }

    /// The registry host, as in image references.
    public let loginServer: String
    /// What the SDK authenticates with for preflight checks.
    public let credential: RegistryCredential
    /// How nodes log in to pull; `nil` for a registry that allows anonymous pull (Batch needs no entry then).
    public let nodeLogin: NodeLogin?

    public init(loginServer: String, credential: RegistryCredential, nodeLogin: NodeLogin?) {
        self.loginServer = loginServer
        self.credential = credential
        self.nodeLogin = nodeLogin
    }

    /// Admin user, service principal or ACR token: the same username and password for the preflight check
    /// and for the nodes.
    public static func adminUser(loginServer: String, username: String, password: String) -> RegistryAccess {
        RegistryAccess(
            loginServer: loginServer, credential: .basic(username: username, password: password),
            nodeLogin: .password(username: username, password: password))
    }

    /// Nodes pull with the pool's user-assigned identity (`identityReference`); the preflight check runs as
    /// `preflight` (the user's Entra identity), which needs pull rights too.
    ///
    /// - Throws: `AzureClientError` (`.invalidArgument`) when `identityResourceID` is not the ARM id of a
    ///   user-assigned identity (`/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`).
    public static func managedIdentity(
        loginServer: String, identityResourceID: String, preflight: any TokenCredential,
        tenantID: String? = nil
    ) throws -> RegistryAccess {
        try validateIdentityResourceID(identityResourceID)
        return RegistryAccess(
            loginServer: loginServer, credential: .entraID(preflight, tenantID: tenantID),
            nodeLogin: .managedIdentity(resourceID: identityResourceID))
    }

    /// A public registry (or one with anonymous pull enabled).
    public static func anonymous(loginServer: String) -> RegistryAccess {
        RegistryAccess(loginServer: loginServer, credential: .anonymous, nodeLogin: nil)
    }

    /// A client for preflight checks against this registry.
    public func client(options: ContainerRegistryClientOptions = .init()) throws -> ContainerRegistryClient {
        try ContainerRegistryClient(loginServer: loginServer, credential: credential, options: options)
    }

    public var description: String {
        "RegistryAccess(loginServer: \(loginServer), credential: \(credential), nodeLogin: \(nodeLogin.map(\.description) ?? "none"))"
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
}
