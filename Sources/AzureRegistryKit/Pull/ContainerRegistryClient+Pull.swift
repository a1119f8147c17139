import AzureKitCore
import Foundation
import Logging

extension ContainerRegistryClient {
    /// Downloads `image`'s manifest (`GET /v2/<repository>/manifests/<tag or digest>`), Docker or OCI, image or
    /// index.
    ///
    /// ```swift
    /// let manifest = try await registry.manifest(of: ContainerImageReference(parsing: "localhost:5000/app:1.0"))
    /// manifest.digest      // sha256:…, checked against the bytes
    /// ```
    ///
    /// - Throws: `AzureServiceError` (`MANIFEST_UNKNOWN`, `NAME_UNKNOWN`, `UNAUTHORIZED`, …);
    ///   `AzureClientError` (`.unexpectedResponse`) when the bytes do not hash to the pinned digest or to the
    ///   `Docker-Content-Digest` the registry sent.
    public func manifest(of image: ContainerImageReference, logger: Logger = .azureDisabled) async throws
        -> RegistryManifest
    {
        let request = try apiRequest(
            .get, image.repository, "manifests/\(image.manifestReference)",
            headers: ["Accept": ManifestMediaType.imageTypes.map(\.rawValue).joined(separator: ", ")])
        let response = try await send(
            request, scopes: [.pull(repository: image.repository)], operation: "Manifests_Get", logger: logger)
        guard response.isSuccess else { throw serviceError(response, operation: "Manifests_Get") }
        let digest = ImageDigest.sha256(of: response.body)
        if let pinned = image.digest, pinned != digest {
            throw AzureClientError.unexpectedResponse(
                "Manifests_Get", "the manifest of \(image) hashes to \(digest), not the pinned digest")
        }
        try verifyDigest(response, expected: digest, operation: "Manifests_Get")
        let mediaType = ManifestMediaType(contentType: response.headers["Content-Type"])
        return RegistryManifest(bytes: response.body, mediaType: mediaType, digest: digest)
    }

    /// Downloads the blob `digest` from `repository` (`GET /v2/<repository>/blobs/<digest>`), checking that the
    /// bytes hash to it. The whole blob is held in memory, as everything the pipeline receives is.
    ///
    /// - Throws: `AzureServiceError` (`BLOB_UNKNOWN`, …); `AzureClientError` (`.unexpectedResponse`) for
    ///   bytes that do not hash to `digest`.
    public func blob(_ digest: ImageDigest, in repository: String, logger: Logger = .azureDisabled) async throws -> Data
    {
        let request = try apiRequest(.get, repository, "blobs/\(digest)")
        let response = try await send(
            request, scopes: [.pull(repository: repository)], operation: "Blobs_Get", logger: logger)
        guard response.isSuccess else { throw serviceError(response, operation: "Blobs_Get") }
        guard digest.matches(response.body) else {
            throw AzureClientError.unexpectedResponse(
                "Blobs_Get",
                "blob \(digest) from \(repository) does not hash to its digest (\(response.body.count) bytes received)")
        }
        return response.body
    }
}
