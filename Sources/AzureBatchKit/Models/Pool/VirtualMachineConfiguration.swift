/// The image, node agent and optional container runtime of a pool's VMs.
public struct VirtualMachineConfiguration: Codable, Hashable, Sendable {
    public var imageReference: ImageReference
    /// Must match the image (capital `SKU` on the wire).
    public var nodeAgentSKUId: NodeAgentSKU
    public var windowsConfiguration: WindowsConfiguration?
    public var dataDisks: [DataDisk]?
    public var licenseType: String?
    public var containerConfiguration: ContainerConfiguration?
    public var nodePlacementConfiguration: NodePlacementConfiguration?

    public init(
        imageReference: ImageReference, nodeAgentSKUId: NodeAgentSKU,
        windowsConfiguration: WindowsConfiguration? = nil, dataDisks: [DataDisk]? = nil,
        licenseType: String? = nil, containerConfiguration: ContainerConfiguration? = nil,
        nodePlacementConfiguration: NodePlacementConfiguration? = nil
    ) {
        self.imageReference = imageReference
        self.nodeAgentSKUId = nodeAgentSKUId
        self.windowsConfiguration = windowsConfiguration
        self.dataDisks = dataDisks
        self.licenseType = licenseType
        self.containerConfiguration = containerConfiguration
        self.nodePlacementConfiguration = nodePlacementConfiguration
    }

    /// The default for container pools: Ubuntu 24.04 with Docker preinstalled, and a Docker-compatible runtime.
    ///
    /// Replaces the retired `microsoft-azure-batch/ubuntu-server-container/16-04-lts` of older samples.
    public static func containerHost(images: [String] = [], registries: [ContainerRegistry] = [])
        -> VirtualMachineConfiguration
    {
        VirtualMachineConfiguration(
            imageReference: .ubuntu2404Containers, nodeAgentSKUId: .ubuntu2404,
            containerConfiguration: ContainerConfiguration(
                type: .dockerCompatible, containerImageNames: images.isEmpty ? nil : images,
                containerRegistries: registries.isEmpty ? nil : registries))
    }
}

public struct WindowsConfiguration: Codable, Hashable, Sendable {
    public var enableAutomaticUpdates: Bool?
    public init(enableAutomaticUpdates: Bool? = nil) { self.enableAutomaticUpdates = enableAutomaticUpdates }
}

public struct DataDisk: Codable, Hashable, Sendable {
    public var lun: Int
    public var caching: CachingType?
    public var diskSizeGB: Int
    public var storageAccountType: StorageAccountType?
    public init(lun: Int, diskSizeGB: Int, caching: CachingType? = nil, storageAccountType: StorageAccountType? = nil) {
        self.lun = lun
        self.diskSizeGB = diskSizeGB
        self.caching = caching
        self.storageAccountType = storageAccountType
    }
}

public struct NodePlacementConfiguration: Codable, Hashable, Sendable {
    public var policy: NodePlacementPolicy?
    public init(policy: NodePlacementPolicy?) { self.policy = policy }
}

/// How tasks are placed on nodes.
public struct TaskSchedulingPolicy: Codable, Hashable, Sendable {
    public var nodeFillType: NodeFillType
    public var jobDefaultOrder: JobDefaultOrder?
    public init(nodeFillType: NodeFillType, jobDefaultOrder: JobDefaultOrder? = nil) {
        self.nodeFillType = nodeFillType
        self.jobDefaultOrder = jobDefaultOrder
    }
}
