import AzureKitCore
import AzureRegistryKit
import Foundation
import Logging

/// Pushes a ``ContainerImage`` to one repository: every layer the registry lacks, then the configuration,
/// then the manifest under a tag. Blobs already there are never sent again (`HEAD` first); base-image layers
/// are mounted when the base lives in the same registry, and copied (downloaded, verified, uploaded) from
/// the base's registry otherwise.
///
/// ```swift
/// let registry = try ContainerRegistryClient(loginServer: "myregistry.azurecr.io", credential: .entraID(DefaultAzureCredential()))
/// let report = try await ImagePublisher(client: registry, repository: "airline-analytics").publish(image, tag: "1.0")
/// print("AIRLINE_IMAGE=\(report.pinnedReference)")
/// ```
public struct ImagePublisher: Sendable {
    public let client: ContainerRegistryClient
    public let repository: String
    public let uploadOptions: BlobUploadOptions
    /// Where base layers from another registry are read; `nil` means anonymously.
    public let baseRegistryClient: ContainerRegistryClient?

    public init(
        client: ContainerRegistryClient, repository: String, uploadOptions: BlobUploadOptions = .init(),
        baseRegistryClient: ContainerRegistryClient? = nil
    ) {
        self.client = client
        self.repository = repository
        self.uploadOptions = uploadOptions
        self.baseRegistryClient = baseRegistryClient
    }

    /// Pushes `image` and tags it.
    ///
    /// - Throws: ``AzureKitCore/AzureClientError`` for an invalid tag; the registry's errors (`AzureServiceError`:
    ///   `DENIED`, `DIGEST_INVALID`, `MANIFEST_INVALID`, …) and `AzureClientError`s from
    ///   `ContainerRegistryClient`.
    public func publish(_ image: ContainerImage, tag: String, logger: Logger = .azureDisabled) async throws
        -> PublishReport
    {
        let tagged: ContainerImageReference
        do {
            tagged = try ContainerImageReference(registry: client.loginServer, repository: repository, tag: tag)
        } catch {
            throw AzureClientError(
                .invalidPath, "cannot tag \(client.loginServer)/\(repository) as '\(tag)': \(error)")
        }
        var results: [BlobPushResult] = []
        for layer in image.layers {
            results.append(try await push(layer, logger: logger))
        }
        results.append(
            try await client.pushBlob(image.configurationBytes, to: repository, options: uploadOptions, logger: logger))
        let digest = try await client.pushManifest(
            image.manifestBytes, mediaType: .ociManifest, to: repository, reference: tag, logger: logger)
        let pinned = try ContainerImageReference(registry: client.loginServer, repository: repository, digest: digest)
        return PublishReport(pinnedReference: pinned, taggedReference: tagged, blobs: results)
    }

    private func push(_ layer: ImageLayer, logger: Logger) async throws -> BlobPushResult {
        switch layer.source {
        case .bytes(let bytes):
            return try await client.pushBlob(bytes, to: repository, options: uploadOptions, logger: logger)
        case .baseImage(let registry, let sourceRepository):
            let digest = layer.descriptor.digest
            if try await client.blobExists(digest, in: repository, logger: logger) {
                return BlobPushResult(digest: digest, size: layer.descriptor.size, outcome: .alreadyPresent)
            }
            let sameRegistry = ContainerRegistryClient.normalizedServer(registry) == client.loginServer.lowercased()
            var options = uploadOptions
            if sameRegistry { options.mountFrom = sourceRepository }
            let source =
                sameRegistry ? client : try (baseRegistryClient ?? ContainerRegistryClient(loginServer: registry))
            // Bytes are fetched only when needed: a successful mount never reads them.
            if sameRegistry,
                let mounted = try await client.mountBlob(
                    digest, size: layer.descriptor.size, from: sourceRepository,
                    to: repository, logger: logger)
            {
                return mounted
            }
            let bytes = try await source.blob(digest, in: sourceRepository, logger: logger)
            options.mountFrom = nil
            return try await client.pushBlob(bytes, to: repository, options: options, logger: logger)
        }
    }
}
