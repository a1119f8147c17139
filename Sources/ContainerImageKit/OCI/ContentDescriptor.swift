import AzureRegistryKit

/// An OCI content descriptor: what a manifest says about a blob (its media type, digest and size).
public struct ContentDescriptor: Codable, Sendable, Equatable {
    public var mediaType: String
    public var digest: ImageDigest
    public var size: Int
    /// Only in index entries: the platform the manifest is for.
    public var platform: ImagePlatform?

    public init(mediaType: String, digest: ImageDigest, size: Int, platform: ImagePlatform? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.platform = platform
    }
}

/// OS and CPU architecture, in Go's spelling as OCI uses it (`linux`, `amd64`/`arm64`).
public struct ImagePlatform: Codable, Sendable, Hashable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// The platform this program was compiled for: what a binary built here runs on.
    public static var current: ImagePlatform {
        #if arch(arm64)
            ImagePlatform(os: "linux", architecture: "arm64", variant: "v8")
        #else
            ImagePlatform(os: "linux", architecture: "amd64")
        #endif
    }

    public var description: String { "\(os)/\(architecture)" + (variant.map { "/\($0)" } ?? "") }
}

/// Media types of image parts. Docker's layer types are the same bytes as OCI's, so base layers are
/// re-described with the OCI names when a Docker image is used as a base.
public enum ImageMediaType {
    public static let config = "application/vnd.oci.image.config.v1+json"
    public static let gzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let tarLayer = "application/vnd.oci.image.layer.v1.tar"
    static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    static let dockerGzipLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip"

    /// The OCI name for a layer media type (Docker's gzip layer becomes OCI's); others are kept.
    static func ociLayer(_ type: String) -> String { type == dockerGzipLayer ? gzipLayer : type }
}
