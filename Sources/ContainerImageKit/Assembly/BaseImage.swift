import AzureKitCore
import AzureRegistryKit
import Foundation
import Logging

/// An image to build on, read from its registry: the platform's manifest (resolved through an index), its
/// configuration, and its layers by digest. Layer bytes are not downloaded here: pushing mounts them (same
/// registry) or copies them (another registry) only when the target lacks them.
///
/// ```swift
/// let base = try await BaseImage.pull("docker.io/library/debian@sha256:…", client: dockerHub)
/// let image = try ContainerImage(base: base, layers: [appLayer], runtime: .init(cmd: ["/app/run"]))
/// ```
public struct BaseImage: Sendable, Equatable {
    public let reference: ContainerImageReference
    /// The digest of the platform manifest the layers come from (pin this for reproducible builds).
    public let manifestDigest: ImageDigest
    public let configuration: ImageConfiguration
    public let layers: [ImageLayer]

    public init(
        reference: ContainerImageReference, manifestDigest: ImageDigest, configuration: ImageConfiguration,
        layers: [ImageLayer]
    ) {
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.configuration = configuration
        self.layers = layers
    }

    /// Reads `reference` from `client`'s registry, picking `platform` from a multi-platform index.
    ///
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.unsupportedBaseImage`) when no manifest matches the platform or the
    ///   manifest or configuration cannot be read; the registry errors of
    ///   `ContainerRegistryClient.manifest(of:logger:)` and `blob(_:in:logger:)`.
    public static func pull(
        _ reference: ContainerImageReference, client: ContainerRegistryClient,
        platform: ImagePlatform = .current, logger: Logger = .azureDisabled
    ) async throws -> BaseImage {
        var manifest = try await client.manifest(of: reference, logger: logger)
        if manifest.mediaType == .ociIndex || manifest.mediaType == .dockerManifestList {
            let index = try decode(ImageIndex.self, manifest.bytes, what: "the index of \(reference)")
            guard
                let entry = index.manifests.first(where: {
                    $0.platform?.os == platform.os && $0.platform?.architecture == platform.architecture
                })
            else {
                let available = index.manifests.compactMap(\.platform).map(\.description).joined(separator: ", ")
                throw AzureClientError(
                    .unsupportedBaseImage, "\(reference) has no \(platform) manifest (it has \(available))")
            }
            manifest = try await client.manifest(
                of: ContainerImageReference(
                    registry: reference.registry, repository: reference.repository, digest: entry.digest),
                logger: logger)
        }
        let image = try decode(ImageManifest.self, manifest.bytes, what: "the manifest of \(reference)")
        let configBytes = try await client.blob(image.config.digest, in: reference.repository, logger: logger)
        let configuration = try decode(ImageConfiguration.self, configBytes, what: "the configuration of \(reference)")
        guard configuration.rootfs.diffIDs.count == image.layers.count else {
            throw AzureClientError(
                .unsupportedBaseImage,
                "\(reference) lists \(image.layers.count) layers but \(configuration.rootfs.diffIDs.count) diff_ids")
        }
        let layers = zip(image.layers, configuration.rootfs.diffIDs).map { descriptor, diffID in
            var described = descriptor
            described.mediaType = ImageMediaType.ociLayer(descriptor.mediaType)
            return ImageLayer(
                descriptor: described, diffID: diffID,
                source: .baseImage(registry: reference.registry, repository: reference.repository))
        }
        return BaseImage(
            reference: reference, manifestDigest: manifest.digest, configuration: configuration, layers: layers)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ bytes: Data, what: String) throws -> T {
        do { return try JSONDecoder().decode(type, from: bytes) } catch {
            throw AzureClientError(.unsupportedBaseImage, "cannot read \(what): \(error)")
        }
    }
}
