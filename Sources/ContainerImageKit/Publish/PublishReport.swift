import AzureRegistryKit

/// What ``ImagePublisher/publish(_:tag:logger:)`` did: the pushed reference and each blob's fate.
public struct PublishReport: Sendable, Equatable {
    /// `registry/repository@sha256:…`: the reference to hand to Batch.
    public let pinnedReference: ContainerImageReference
    /// `registry/repository:tag`.
    public let taggedReference: ContainerImageReference
    /// Layers in manifest order, then the configuration.
    public let blobs: [BlobPushResult]

    public init(
        pinnedReference: ContainerImageReference, taggedReference: ContainerImageReference, blobs: [BlobPushResult]
    ) {
        self.pinnedReference = pinnedReference
        self.taggedReference = taggedReference
        self.blobs = blobs
    }

    public var digest: ImageDigest? { pinnedReference.digest }
    /// Bytes that crossed the network as blob uploads.
    public var bytesUploaded: Int { blobs.filter(\.wasUploaded).reduce(0) { $0 + $1.size } }
    public var blobsUploaded: Int { blobs.filter(\.wasUploaded).count }
}
