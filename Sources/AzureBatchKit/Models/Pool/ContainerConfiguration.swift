/// Lets a pool run container tasks: the runtime, images pulled when a node joins, and registries.
public struct ContainerConfiguration: Codable, Hashable, Sendable {
    public var type: ContainerType
    /// Full image references pulled onto every node when it joins the pool.
    public var containerImageNames: [String]?
    /// Private registries the images come from.
    public var containerRegistries: [ContainerRegistry]?

    public init(
        type: ContainerType = .dockerCompatible, containerImageNames: [String]? = nil,
        containerRegistries: [ContainerRegistry]? = nil
    ) {
        self.type = type
        self.containerImageNames = containerImageNames
        self.containerRegistries = containerRegistries
    }
}

/// A container registry and how to log in to it. The password never appears in `description`.
public struct ContainerRegistry: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The registry host, e.g. `myregistry.azurecr.io` (the service defaults to `docker.io`).
    public var registryServer: String?
    public var username: String?
    public var password: String?
    /// A user-assigned managed identity used instead of username and password.
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

    /// A registry that accepts a user name and password (ACR admin user or a token).
    public static func basic(_ server: String, username: String, password: String) -> ContainerRegistry {
        ContainerRegistry(registryServer: server, username: username, password: password)
    }

    /// A registry pulled from with a user-assigned managed identity given by its ARM resource id.
    public static func managedIdentity(_ server: String, resourceID: String) -> ContainerRegistry {
        ContainerRegistry(registryServer: server, identityReference: IdentityReference(resourceId: resourceID))
    }

    public var description: String {
        var parts = ["server: \(registryServer ?? "docker.io")"]
        if let username { parts.append("username: \(username)") }
        if password != nil { parts.append("password: REDACTED") }
        if let identityReference { parts.append("identity: \(identityReference.resourceId ?? "")") }
        return "ContainerRegistry(\(parts.joined(separator: ", ")))"
    }
}

/// A user-assigned managed identity, by ARM resource id.
public struct IdentityReference: Codable, Hashable, Sendable {
    public var resourceId: String?
    public init(resourceId: String?) { self.resourceId = resourceId }
}
