import AzureKitCore
import Foundation
import Logging

extension ContainerRegistryClient {
    /// Stores `manifest` in `repository` under `reference` (a tag, or the manifest's own digest) with
    /// `PUT /v2/<repository>/manifests/<reference>` and `Content-Type: mediaType`; every blob it names must
    /// have been pushed first.
    ///
    /// ```swift
    /// let digest = try await registry.pushManifest(manifestJSON, mediaType: .ociManifest, to: "airline-analytics", reference: "1.0")
    /// print("AIRLINE_IMAGE=\(registry.loginServer)/airline-analytics@\(digest)")
    /// ```
    ///
    /// - Returns: the manifest's digest (SHA-256 of the exact bytes sent), checked against the
    ///   `Docker-Content-Digest` the registry answers with.
    /// - Throws: `AzureServiceError` with the registry's code (`MANIFEST_INVALID`, `MANIFEST_BLOB_UNKNOWN`,
    ///   `TAG_INVALID`, `DENIED`, …); `AzureClientError` (`.unexpectedResponse`) when the registry reports
    ///   another digest; (`.invalidArgument`) when `reference` is a digest other than the manifest's.
    @discardableResult
    public func pushManifest(
        _ manifest: Data, mediaType: ManifestMediaType, to repository: String, reference: String,
        logger: Logger = .azureDisabled
    ) async throws -> ImageDigest {
        let digest = ImageDigest.sha256(of: manifest)
        if reference.contains(":"), (try? ImageDigest(parsing: reference)) != digest {
            throw AzureClientError(
                .invalidArgument, "manifest reference \(reference) is not the manifest's digest \(digest)")
        }
        let request = try apiRequest(
            .put, repository, "manifests/\(reference)", headers: ["Content-Type": mediaType.rawValue],
            body: .data(manifest))
        let response = try await send(
            request, scopes: [.push(repository: repository)], operation: "Manifests_Put", logger: logger)
        guard response.status == 201 || response.status == 200 else {
            throw serviceError(response, operation: "Manifests_Put")
        }
        try verifyDigest(response, expected: digest, operation: "Manifests_Put")
        return digest
    }
}
