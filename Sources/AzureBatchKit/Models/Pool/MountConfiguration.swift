/// A file system mounted on every node of a pool: one of the four kinds.
/// Keys and passwords never appear in `description`.
public struct MountConfiguration: Codable, Hashable, Sendable, CustomStringConvertible {
    public var azureBlobFileSystemConfiguration: AzureBlobFileSystemConfiguration?
    public var nfsMountConfiguration: NFSMountConfiguration?
    public var cifsMountConfiguration: CIFSMountConfiguration?
    public var azureFileShareConfiguration: AzureFileShareConfiguration?

    public init(
        azureBlobFileSystemConfiguration: AzureBlobFileSystemConfiguration? = nil,
        nfsMountConfiguration: NFSMountConfiguration? = nil,
        cifsMountConfiguration: CIFSMountConfiguration? = nil,
        azureFileShareConfiguration: AzureFileShareConfiguration? = nil
    ) {
        self.azureBlobFileSystemConfiguration = azureBlobFileSystemConfiguration
        self.nfsMountConfiguration = nfsMountConfiguration
        self.cifsMountConfiguration = cifsMountConfiguration
        self.azureFileShareConfiguration = azureFileShareConfiguration
    }

    public var description: String {
        if let blob = azureBlobFileSystemConfiguration {
            return "MountConfiguration(blobfuse \(blob.accountName)/\(blob.containerName) -> \(blob.relativeMountPath))"
        }
        if let nfs = nfsMountConfiguration {
            return "MountConfiguration(nfs \(nfs.source) -> \(nfs.relativeMountPath))"
        }
        if let cifs = cifsMountConfiguration {
            return "MountConfiguration(cifs \(cifs.source) -> \(cifs.relativeMountPath))"
        }
        if let share = azureFileShareConfiguration {
            return "MountConfiguration(azure files \(share.azureFileUrl) -> \(share.relativeMountPath))"
        }
        return "MountConfiguration(empty)"
    }
}

public struct AzureBlobFileSystemConfiguration: Codable, Hashable, Sendable {
    public var accountName: String
    public var containerName: String
    public var accountKey: String?
    public var sasKey: String?
    public var blobfuseOptions: String?
    public var relativeMountPath: String
    public var identityReference: IdentityReference?
    public init(
        accountName: String, containerName: String, accountKey: String? = nil, sasKey: String? = nil,
        blobfuseOptions: String? = nil, relativeMountPath: String, identityReference: IdentityReference? = nil
    ) {
        self.accountName = accountName
        self.containerName = containerName
        self.accountKey = accountKey
        self.sasKey = sasKey
        self.blobfuseOptions = blobfuseOptions
        self.relativeMountPath = relativeMountPath
        self.identityReference = identityReference
    }
}

public struct NFSMountConfiguration: Codable, Hashable, Sendable {
    public var source: String
    public var relativeMountPath: String
    public var mountOptions: String?
    public init(source: String, relativeMountPath: String, mountOptions: String? = nil) {
        self.source = source
        self.relativeMountPath = relativeMountPath
        self.mountOptions = mountOptions
    }
}

public struct CIFSMountConfiguration: Codable, Hashable, Sendable {
    public var username: String
    public var source: String
    public var relativeMountPath: String
    public var mountOptions: String?
    public var password: String
    public init(
        username: String, source: String, relativeMountPath: String, mountOptions: String? = nil, password: String
    ) {
        self.username = username
        self.source = source
        self.relativeMountPath = relativeMountPath
        self.mountOptions = mountOptions
        self.password = password
    }
}

public struct AzureFileShareConfiguration: Codable, Hashable, Sendable {
    public var accountName: String
    public var azureFileUrl: String
    public var accountKey: String?
    public var relativeMountPath: String
    public var mountOptions: String?
    public init(
        accountName: String, azureFileUrl: String, accountKey: String? = nil, relativeMountPath: String,
        mountOptions: String? = nil
    ) {
        self.accountName = accountName
        self.azureFileUrl = azureFileUrl
        self.accountKey = accountKey
        self.relativeMountPath = relativeMountPath
        self.mountOptions = mountOptions
    }
}
