import AzureKitCore

/// The Blob REST version sent as `x-ms-version` on every request.
///
/// Extensible: pin an older version for an emulator that rejects newer ones (Azurite answers 400
/// `InvalidHeaderValue` to versions it does not know).
///
/// ```swift
/// let options = BlobClientOptions(apiVersion: BlobAPIVersion(rawValue: "2025-01-05"))
/// ```
public struct BlobAPIVersion: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The newest version azure-storage-blob 12.31.1 knows, and this SDK's default.
    public static let v2026_10_06 = BlobAPIVersion(rawValue: "2026-10-06")
    public static let latest = v2026_10_06
}
