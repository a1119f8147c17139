/// A Marketplace or gallery image for a pool's nodes (`imageReference` on the wire).
///
/// Use ``ubuntu2404Containers`` (Docker preinstalled) for container pools; see ``VirtualMachineConfiguration/containerHost``.
public struct ImageReference: Codable, Hashable, Sendable {
    public var publisher: String?
    public var offer: String?
    public var sku: String?
    public var version: String?
    public var virtualMachineImageId: String?
    public var sharedGalleryImageId: String?
    public var communityGalleryImageId: String?
    /// Read-only: the image version actually used, when `version` was `latest`.
    public var exactVersion: String?

    public init(
        publisher: String? = nil, offer: String? = nil, sku: String? = nil, version: String? = nil,
        virtualMachineImageId: String? = nil, sharedGalleryImageId: String? = nil,
        communityGalleryImageId: String? = nil, exactVersion: String? = nil
    ) {
        self.publisher = publisher
        self.offer = offer
        self.sku = sku
        self.version = version
        self.virtualMachineImageId = virtualMachineImageId
        self.sharedGalleryImageId = sharedGalleryImageId
        self.communityGalleryImageId = communityGalleryImageId
        self.exactVersion = exactVersion
    }

    /// Ubuntu 24.04 HPC image with Docker preinstalled (`microsoft-dsvm/ubuntu-hpc/2404`): the recommended
    /// current image for container pools. Pair it with ``NodeAgentSKU/ubuntu2404``.
    public static let ubuntu2404Containers = ImageReference(
        publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2404", version: "latest")

    /// Ubuntu 22.04 HPC image with Docker preinstalled; Batch support ends 30 June 2027.
    public static let ubuntu2204Containers = ImageReference(
        publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2204", version: "latest")

    /// Plain Ubuntu 24.04 server; no container runtime is installed.
    public static let ubuntu2404Server = ImageReference(
        publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest")
}
