extension ManagementPool {
    /// `deploymentConfiguration.virtualMachineConfiguration` (`nodeAgentSkuId`, lower-case "ku", unlike the data plane).
    public struct VirtualMachineConfiguration: Codable, Hashable, Sendable {
        public var imageReference: ImageReference
        public var nodeAgentSkuId: NodeAgentSKU
        public var windowsConfiguration: WindowsConfiguration?
        public var dataDisks: [DataDisk]?
        public var licenseType: String?
        public var containerConfiguration: ContainerConfiguration?
        public var nodePlacementConfiguration: NodePlacementConfiguration?

        public init(imageReference: ImageReference, nodeAgentSkuId: NodeAgentSKU) {
            self.imageReference = imageReference
            self.nodeAgentSkuId = nodeAgentSkuId
        }
    }

    /// A Marketplace image, or a gallery image by `id` (the data plane's `virtualMachineImageId`).
    public struct ImageReference: Codable, Hashable, Sendable {
        public var publisher: String?
        public var offer: String?
        public var sku: String?
        public var version: String?
        public var id: String?
        public var sharedGalleryImageId: String?
        public var communityGalleryImageId: String?
        public init(
            publisher: String? = nil, offer: String? = nil, sku: String? = nil, version: String? = nil,
            id: String? = nil,
            sharedGalleryImageId: String? = nil, communityGalleryImageId: String? = nil
        ) {
            self.publisher = publisher
            self.offer = offer
            self.sku = sku
            self.version = version
            self.id = id
            self.sharedGalleryImageId = sharedGalleryImageId
            self.communityGalleryImageId = communityGalleryImageId
        }
    }

    public struct DataDisk: Codable, Hashable, Sendable {
        public var lun: Int
        public var caching: ManagementValue<CachingType>?
        public var diskSizeGB: Int
        public var storageAccountType: ManagementValue<StorageAccountType>?
    }

    /// Container runtime, pre-pulled images and registries; a registry entry has the same shape in both planes.
    public struct ContainerConfiguration: Codable, Hashable, Sendable {
        public var type: ManagementValue<ContainerType>
        public var containerImageNames: [String]?
        public var containerRegistries: [ContainerRegistry]?
    }

    public struct NodePlacementConfiguration: Codable, Hashable, Sendable {
        public var policy: ManagementValue<NodePlacementPolicy>?
    }
}
