import AzureRegistryKit
import Foundation

/// The OCI image configuration blob: platform, how to run the image, and the uncompressed digests of its
/// layers (`rootfs.diff_ids`).
///
/// Fields this SDK does not model (a base image's `history`, `container_config`) are not carried over: the
/// configuration stays valid without them and it keeps rebuilt images byte-identical.
public struct ImageConfiguration: Codable, Sendable, Equatable {
    /// How a container of this image runs (the OCI `config` object; Docker's capitalized key names).
    public struct Runtime: Codable, Sendable, Equatable {
        public var user: String?
        public var env: [String]?
        public var entrypoint: [String]?
        public var cmd: [String]?
        public var workingDir: String?
        public var labels: [String: String]?

        public init(
            user: String? = nil, env: [String]? = nil, entrypoint: [String]? = nil, cmd: [String]? = nil,
            workingDir: String? = nil, labels: [String: String]? = nil
        ) {
            self.user = user
            self.env = env
            self.entrypoint = entrypoint
            self.cmd = cmd
            self.workingDir = workingDir
            self.labels = labels
        }

        enum CodingKeys: String, CodingKey {
            case user = "User"
            case env = "Env"
            case entrypoint = "Entrypoint"
            case cmd = "Cmd"
            case workingDir = "WorkingDir"
            case labels = "Labels"
        }
    }

    public struct RootFS: Codable, Sendable, Equatable {
        public var type: String
        public var diffIDs: [ImageDigest]
        public init(diffIDs: [ImageDigest]) {
            self.type = "layers"
            self.diffIDs = diffIDs
        }
        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }
    }

    /// RFC 3339; a fixed value (the Unix epoch by default) keeps the digest reproducible.
    public var created: String?
    public var architecture: String
    public var os: String
    public var variant: String?
    public var config: Runtime
    public var rootfs: RootFS

    public init(
        platform: ImagePlatform, config: Runtime, diffIDs: [ImageDigest], created: String? = "1970-01-01T00:00:00Z"
    ) {
        self.created = created
        self.architecture = platform.architecture
        self.os = platform.os
        self.variant = platform.variant
        self.config = config
        self.rootfs = RootFS(diffIDs: diffIDs)
    }

    public var platform: ImagePlatform { ImagePlatform(os: os, architecture: architecture, variant: variant) }

    enum CodingKeys: String, CodingKey { case created, architecture, os, variant, config, rootfs }

    /// Reads a base image's configuration, where `config` is optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        created = try container.decodeIfPresent(String.self, forKey: .created)
        architecture = try container.decode(String.self, forKey: .architecture)
        os = try container.decode(String.self, forKey: .os)
        variant = try container.decodeIfPresent(String.self, forKey: .variant)
        config = try container.decodeIfPresent(Runtime.self, forKey: .config) ?? Runtime()
        rootfs = try container.decode(RootFS.self, forKey: .rootfs)
    }
}

/// An OCI image manifest (`application/vnd.oci.image.manifest.v1+json`).
public struct ImageManifest: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var config: ContentDescriptor
    public var layers: [ContentDescriptor]

    public init(config: ContentDescriptor, layers: [ContentDescriptor]) {
        self.schemaVersion = 2
        self.mediaType = ManifestMediaType.ociManifest.rawValue
        self.config = config
        self.layers = layers
    }
}

/// An OCI index or Docker manifest list: one manifest per platform.
struct ImageIndex: Codable, Sendable {
    var manifests: [ContentDescriptor]
}

/// The one JSON encoding every blob this module writes uses: sorted keys, no escaped slashes, so the same
/// value always gives the same bytes and the same digest.
enum CanonicalJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
