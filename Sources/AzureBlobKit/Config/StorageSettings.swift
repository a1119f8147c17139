import AzureKitCore
import Foundation

/// A Storage account's Blob endpoint and credential from ``AzureKitCore/AzureSettings``.
///
/// ```swift
/// if let storage = try AzureSettings.load().storage {
///     let service = try BlobServiceClient(endpoint: storage.blobEndpoint, credential: storage.credential)
/// }
/// ```
public struct StorageSettings: Sendable {
    public var blobEndpoint: URL
    public var accountName: String?
    public var credential: ServiceCredential

    public init(blobEndpoint: URL, accountName: String?, credential: ServiceCredential) {
        self.blobEndpoint = blobEndpoint
        self.accountName = accountName
        self.credential = credential
    }

    /// Reads `AZURE_STORAGE_CONNECTION_STRING`, else `AZURE_STORAGE_ACCOUNT` with `AZURE_STORAGE_KEY`,
    /// `AZURE_STORAGE_SAS_TOKEN` or neither (Entra ID), and `AZURE_STORAGE_BLOB_ENDPOINT`; `nil` when none is set.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidConfiguration`) for a malformed connection string, a key
    ///   that is not base64 or an endpoint that is not an https URL.
    public init?(_ settings: AzureSettings) throws {
        if let connection = settings["AZURE_STORAGE_CONNECTION_STRING"] {
            let parsed = try ConnectionString(connection)
            self.init(blobEndpoint: parsed.blobEndpoint, accountName: parsed.accountName, credential: parsed.credential)
        } else if let account = settings["AZURE_STORAGE_ACCOUNT"] {
            let endpoint = try AzureSettings.endpoint(
                settings["AZURE_STORAGE_BLOB_ENDPOINT"] ?? "https://\(account).blob.core.windows.net",
                setting: "AZURE_STORAGE_BLOB_ENDPOINT")
            let credential: ServiceCredential =
                try settings["AZURE_STORAGE_KEY"].map {
                    .sharedKey(try SharedKeyCredential(accountName: account, accountKey: $0))
                } ?? settings["AZURE_STORAGE_SAS_TOKEN"].map { .sas($0) } ?? .anonymous
            self.init(blobEndpoint: endpoint, accountName: account, credential: credential)
        } else {
            return nil
        }
    }
}

extension AzureSettings {
    /// The Storage account these settings configure, or `nil`; see ``StorageSettings/init(_:)``.
    public var storage: StorageSettings? {
        get throws { try StorageSettings(self) }
    }
}
