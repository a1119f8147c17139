import AzureKitCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A Batch account from ``AzureKitCore/AzureSettings``: its endpoint and, when a key is configured, Shared Key;
/// otherwise Entra ID is expected.
///
/// ```swift
/// let settings = try AzureSettings.load()
/// if let account = try settings.batch {
///     let batch = try BatchClient(endpoint: account.endpoint, credential: account.sharedKey.map { .sharedKey($0) }
///                                 ?? .token(DefaultAzureCredential()))
/// }
/// ```
public struct BatchSettings: Sendable {
    public var endpoint: URL
    public var sharedKey: SharedKeyCredential?

    public init(endpoint: URL, sharedKey: SharedKeyCredential? = nil) {
        self.endpoint = endpoint
        self.sharedKey = sharedKey
    }

    /// Reads `AZURE_BATCH_ENDPOINT` (a host is made `https://`), `AZURE_BATCH_ACCOUNT` and `AZURE_BATCH_ACCESS_KEY`;
    /// `nil` when no endpoint is set.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidConfiguration`) for an endpoint that is not an https
    ///   URL, a key that is not base64, or an account or key without an endpoint.
    public init?(_ settings: AzureSettings) throws {
        guard let endpointText = settings["AZURE_BATCH_ENDPOINT"] else {
            if settings["AZURE_BATCH_ACCOUNT"] != nil || settings["AZURE_BATCH_ACCESS_KEY"] != nil {
                throw AzureClientError(
                    .invalidConfiguration,
                    "AZURE_BATCH_ACCOUNT/AZURE_BATCH_ACCESS_KEY are set but AZURE_BATCH_ENDPOINT is not (e.g. https://<account>.<region>.batch.azure.com)"
                )
            }
            return nil
        }
        let endpoint = try AzureSettings.endpoint(
            endpointText.hasPrefix("http") ? endpointText : "https://\(endpointText)", setting: "AZURE_BATCH_ENDPOINT")
        var key: SharedKeyCredential?
        if let secret = settings["AZURE_BATCH_ACCESS_KEY"] {
            guard
                let account = settings["AZURE_BATCH_ACCOUNT"]
                    ?? endpoint.host?.split(separator: ".").first.map(String.init)
            else {
                throw AzureClientError(
                    .invalidConfiguration, "AZURE_BATCH_ACCESS_KEY is set but AZURE_BATCH_ACCOUNT is not")
            }
            key = try SharedKeyCredential(accountName: account, accountKey: secret)
        }
        self.init(endpoint: endpoint, sharedKey: key)
    }
}

extension AzureSettings {
    /// The Batch account these settings configure, or `nil`; see ``BatchSettings/init(_:)``.
    public var batch: BatchSettings? {
        get throws { try BatchSettings(self) }
    }
}
