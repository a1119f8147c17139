import Foundation

/// A manifest as a registry served it: the exact bytes (their SHA-256 is the digest), the media type and the
/// digest, already checked.
public struct RegistryManifest: Sendable, Equatable {
    public let bytes: Data
    public let mediaType: ManifestMediaType?
    public let digest: ImageDigest

    public init(bytes: Data, mediaType: ManifestMediaType?, digest: ImageDigest) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.digest = digest
    }
}
