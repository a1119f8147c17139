import AzureKitCore

/// A manifest media type, as sent in `Accept` and returned in `Content-Type`.
///
/// Extensible: registries serve types the SDK has never heard of (Helm charts, signatures…).
public struct ManifestMediaType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The media type of a `Content-Type` header value (parameters such as `; charset=utf-8` dropped); `nil`
    /// when empty.
    public init?(contentType: String?) {
        guard let value = contentType?.prefix(while: { $0 != ";" }).trimmingCharacters(in: .whitespaces), !value.isEmpty
        else { return nil }
        self.init(rawValue: value)
    }

    public static let dockerManifest = ManifestMediaType(
        rawValue: "application/vnd.docker.distribution.manifest.v2+json")
    public static let dockerManifestList = ManifestMediaType(
        rawValue: "application/vnd.docker.distribution.manifest.list.v2+json")
    public static let ociManifest = ManifestMediaType(rawValue: "application/vnd.oci.image.manifest.v1+json")
    public static let ociIndex = ManifestMediaType(rawValue: "application/vnd.oci.image.index.v1+json")

    /// What a preflight check accepts: single-platform and multi-platform images, Docker and OCI. Without
    /// these, registries fall back to the legacy schema-1 format or answer 404 for index-only tags.
    public static let imageTypes: [ManifestMediaType] = [.dockerManifest, .dockerManifestList, .ociManifest, .ociIndex]
}
