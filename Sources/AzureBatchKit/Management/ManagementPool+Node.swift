extension ManagementPool {
    /// `startTask`; the user identity is spelled `userName` here (`username` in the data plane).
    public struct StartTask: Codable, Hashable, Sendable {
        public var commandLine: String?
        public var resourceFiles: [ResourceFile]?
        public var environmentSettings: [EnvironmentSetting]?
        public var userIdentity: UserIdentity?
        public var maxTaskRetryCount: Int?
        public var waitForSuccess: Bool?
        public var containerSettings: TaskContainerSettings?
    }

    public struct UserIdentity: Codable, Hashable, Sendable {
        public var userName: String?
        public var autoUser: AutoUser?
    }

    public struct AutoUser: Codable, Hashable, Sendable {
        public var scope: ManagementValue<AutoUserScope>?
        public var elevationLevel: ManagementValue<ElevationLevel>?
    }

    public struct TaskContainerSettings: Codable, Hashable, Sendable {
        public var containerRunOptions: String?
        public var imageName: String
        public var registry: ContainerRegistry?
        public var workingDirectory: ManagementValue<ContainerWorkingDirectory>?
        public var containerHostBatchBindMounts: [ContainerHostBindMount]?
    }

    /// A local account on every node. The password never appears in `description`.
    public struct UserAccount: Codable, Hashable, Sendable, CustomStringConvertible {
        public var name: String
        /// Sent on create; the service never returns it.
        public var password: String?
        public var elevationLevel: ManagementValue<ElevationLevel>?
        public var linuxUserConfiguration: LinuxUserConfiguration?
        public var description: String { "UserAccount(name: \(name), password: REDACTED)" }
    }

    public struct NetworkConfiguration: Codable, Hashable, Sendable {
        public var subnetId: String?
        /// `dynamicVnetAssignmentScope` (lower-case "net", unlike the data plane's `dynamicVNetAssignmentScope`).
        public var dynamicVnetAssignmentScope: ManagementValue<DynamicVNetAssignmentScope>?
        public var publicIPAddressConfiguration: PublicIPAddressConfiguration?
        public var enableAcceleratedNetworking: Bool?
    }

    public struct PublicIPAddressConfiguration: Codable, Hashable, Sendable {
        public var provision: ManagementValue<IPAddressProvisioningType>?
        public var ipAddressIds: [String]?
    }

    /// One mounted file system; CIFS spells its user `userName` here.
    public struct MountConfiguration: Codable, Hashable, Sendable, CustomStringConvertible {
        public var azureBlobFileSystemConfiguration: AzureBlobFileSystemConfiguration?
        public var nfsMountConfiguration: NFSMountConfiguration?
        public var cifsMountConfiguration: CIFSMountConfiguration?
        public var azureFileShareConfiguration: AzureFileShareConfiguration?
        /// The data-plane description: the same mount, printed the same way on both planes.
        public var description: String {
            AzureBatchKit.MountConfiguration(
                azureBlobFileSystemConfiguration: azureBlobFileSystemConfiguration,
                nfsMountConfiguration: nfsMountConfiguration,
                cifsMountConfiguration: cifsMountConfiguration.map {
                    AzureBatchKit.CIFSMountConfiguration(
                        username: $0.userName, source: $0.source, relativeMountPath: $0.relativeMountPath,
                        mountOptions: $0.mountOptions, password: $0.password ?? "")
                },
                azureFileShareConfiguration: azureFileShareConfiguration
            ).description
        }
    }

    public struct CIFSMountConfiguration: Codable, Hashable, Sendable {
        public var userName: String
        public var source: String
        public var relativeMountPath: String
        public var mountOptions: String?
        /// Sent on create; the service never returns it.
        public var password: String?
    }
}
