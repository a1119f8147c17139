/// A task every node runs when it joins the pool (or restarts).
public struct StartTask: Codable, Hashable, Sendable {
    public var commandLine: String
    public var containerSettings: TaskContainerSettings?
    public var resourceFiles: [ResourceFile]?
    public var environmentSettings: [EnvironmentSetting]?
    public var userIdentity: UserIdentity?
    public var maxTaskRetryCount: Int?
    /// When true (the default) a failed start task makes the node unusable for tasks.
    public var waitForSuccess: Bool?

    public init(
        commandLine: String, containerSettings: TaskContainerSettings? = nil, resourceFiles: [ResourceFile]? = nil,
        environmentSettings: [EnvironmentSetting]? = nil, userIdentity: UserIdentity? = nil,
        maxTaskRetryCount: Int? = nil, waitForSuccess: Bool? = nil
    ) {
        self.commandLine = commandLine
        self.containerSettings = containerSettings
        self.resourceFiles = resourceFiles
        self.environmentSettings = environmentSettings
        self.userIdentity = userIdentity
        self.maxTaskRetryCount = maxTaskRetryCount
        self.waitForSuccess = waitForSuccess
    }
}

/// A local user account created on every node.
public struct UserAccount: Codable, Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var password: String
    public var elevationLevel: ElevationLevel?
    public var linuxUserConfiguration: LinuxUserConfiguration?
    public init(
        name: String, password: String, elevationLevel: ElevationLevel? = nil,
        linuxUserConfiguration: LinuxUserConfiguration? = nil
    ) {
        self.name = name
        self.password = password
        self.elevationLevel = elevationLevel
        self.linuxUserConfiguration = linuxUserConfiguration
    }
    public var description: String { "UserAccount(name: \(name), password: REDACTED)" }
}

public struct LinuxUserConfiguration: Codable, Hashable, Sendable, CustomStringConvertible {
    public var uid: Int?
    public var gid: Int?
    public var sshPrivateKey: String?
    public init(uid: Int? = nil, gid: Int? = nil, sshPrivateKey: String? = nil) {
        self.uid = uid
        self.gid = gid
        self.sshPrivateKey = sshPrivateKey
    }
    public var description: String {
        "LinuxUserConfiguration(uid: \(uid.map(String.init) ?? "-"), gid: \(gid.map(String.init) ?? "-"))"
    }
}

/// The pool's virtual network settings.
public struct NetworkConfiguration: Codable, Hashable, Sendable {
    public var subnetId: String?
    public var dynamicVNetAssignmentScope: DynamicVNetAssignmentScope?
    public var publicIPAddressConfiguration: PublicIPAddressConfiguration?
    public var enableAcceleratedNetworking: Bool?
    public init(
        subnetId: String? = nil, dynamicVNetAssignmentScope: DynamicVNetAssignmentScope? = nil,
        publicIPAddressConfiguration: PublicIPAddressConfiguration? = nil, enableAcceleratedNetworking: Bool? = nil
    ) {
        self.subnetId = subnetId
        self.dynamicVNetAssignmentScope = dynamicVNetAssignmentScope
        self.publicIPAddressConfiguration = publicIPAddressConfiguration
        self.enableAcceleratedNetworking = enableAcceleratedNetworking
    }
}

public struct PublicIPAddressConfiguration: Codable, Hashable, Sendable {
    public var provision: IPAddressProvisioningType?
    public var ipAddressIds: [String]?
    public init(provision: IPAddressProvisioningType? = nil, ipAddressIds: [String]? = nil) {
        self.provision = provision
        self.ipAddressIds = ipAddressIds
    }
}
