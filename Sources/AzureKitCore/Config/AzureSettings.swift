import Foundation

/// Where the SDK's examples and users find their Azure settings without putting secrets in code or images:
/// the Azure CLI's environment variables first, then an optional JSON config file with the same names.
///
/// | variable | meaning |
/// | --- | --- |
/// | `AZURE_STORAGE_CONNECTION_STRING` | a Storage connection string (wins over the next two) |
/// | `AZURE_STORAGE_ACCOUNT`, `AZURE_STORAGE_KEY` | a Storage account and its key |
/// | `AZURE_BATCH_ACCOUNT`, `AZURE_BATCH_ACCESS_KEY`, `AZURE_BATCH_ENDPOINT` | a Batch account |
/// | `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, … | Entra ID (see ``DefaultAzureCredential``) |
///
/// ```swift
/// let settings = try AzureSettings.load()                  // environment, then ./azure-settings.json if present
/// if let batch = settings.batch { print(batch.endpoint) }
/// ```
public struct AzureSettings: Sendable, CustomStringConvertible {
    /// A Batch account: its endpoint and, when a key is configured, Shared Key; otherwise Entra ID is expected.
    public struct Batch: Sendable {
        public var endpoint: URL
        public var sharedKey: SharedKeyCredential?
    }

    /// A Storage account's Blob endpoint and credential.
    public struct Storage: Sendable {
        public var blobEndpoint: URL
        public var accountName: String?
        public var credential: ServiceCredential
    }

    public var batch: Batch?
    public var storage: Storage?
    /// Every value read, for tools that need more (registry names, pool ids); keys are variable names.
    public let values: [String: String]

    /// Reads `environment`, falling back to `configFile` (JSON object of the same names) for unset variables.
    /// - Throws: ``AzureClientError`` naming the bad value (a malformed connection string, a key that is not
    ///   base64, an endpoint that is not an https URL, a config file that is not a JSON object of strings).
    public static func load(environment: EnvironmentVariables = .process, configFile: URL? = nil) throws
        -> AzureSettings
    {
        var values: [String: String] = [:]
        let file = configFile ?? environment["AZURE_SETTINGS_FILE"].map { URL(fileURLWithPath: $0) }
        if let file {
            guard let data = try? Data(contentsOf: file) else {
                throw AzureClientError(.invalidConfiguration, "cannot read the settings file \(file.path)")
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw AzureClientError(.invalidConfiguration, "the settings file \(file.path) is not a JSON object")
            }
            for (key, value) in object {
                guard let text = value as? String else {
                    throw AzureClientError(
                        .invalidConfiguration, "the settings file \(file.path): '\(key)' must be a string")
                }
                values[key] = text
            }
        }
        for (key, value) in environment.values where key.hasPrefix("AZURE_") && !value.isEmpty { values[key] = value }
        return try AzureSettings(values: values)
    }

    init(values: [String: String]) throws {
        self.values = values
        if let connection = values["AZURE_STORAGE_CONNECTION_STRING"] {
            let parsed = try ConnectionString(connection)
            storage = Storage(
                blobEndpoint: parsed.blobEndpoint, accountName: parsed.accountName, credential: parsed.credential)
        } else if let account = values["AZURE_STORAGE_ACCOUNT"] {
            let endpoint = try Self.url(
                values["AZURE_STORAGE_BLOB_ENDPOINT"] ?? "https://\(account).blob.core.windows.net",
                "AZURE_STORAGE_BLOB_ENDPOINT")
            let credential: ServiceCredential =
                try values["AZURE_STORAGE_KEY"].map {
                    .sharedKey(try SharedKeyCredential(accountName: account, accountKey: $0))
                } ?? values["AZURE_STORAGE_SAS_TOKEN"].map { .sas($0) } ?? .anonymous
            storage = Storage(blobEndpoint: endpoint, accountName: account, credential: credential)
        }
        if let endpointText = values["AZURE_BATCH_ENDPOINT"] {
            let endpoint = try Self.url(
                endpointText.hasPrefix("http") ? endpointText : "https://\(endpointText)", "AZURE_BATCH_ENDPOINT")
            var key: SharedKeyCredential?
            if let secret = values["AZURE_BATCH_ACCESS_KEY"] {
                guard
                    let account = values["AZURE_BATCH_ACCOUNT"]
                        ?? endpoint.host?.split(separator: ".").first.map(String.init)
                else {
                    throw AzureClientError(
                        .invalidConfiguration, "AZURE_BATCH_ACCESS_KEY is set but AZURE_BATCH_ACCOUNT is not")
                }
                key = try SharedKeyCredential(accountName: account, accountKey: secret)
            }
            batch = Batch(endpoint: endpoint, sharedKey: key)
        } else if values["AZURE_BATCH_ACCOUNT"] != nil || values["AZURE_BATCH_ACCESS_KEY"] != nil {
            throw AzureClientError(
                .invalidConfiguration,
                "AZURE_BATCH_ACCOUNT/AZURE_BATCH_ACCESS_KEY are set but AZURE_BATCH_ENDPOINT is not (e.g. https://<account>.<region>.batch.azure.com)"
            )
        }
    }

    private static func url(_ text: String, _ name: String) throws -> URL {
        guard let url = URL(string: text), url.host != nil else {
            throw AzureClientError(.invalidConfiguration, "\(name) '\(text)' is not a URL")
        }
        do { try EndpointValidation.validate(url) } catch let error as AzureClientError {
            throw AzureClientError(.invalidConfiguration, "\(name): \(error.message)")
        }
        return url
    }

    /// Whether any Azure account is configured (the examples run locally when none is).
    public var isEmpty: Bool { batch == nil && storage == nil }

    public var description: String {
        "AzureSettings(batch: \(batch.map { $0.endpoint.absoluteString } ?? "-"), storage: \(storage.map { $0.blobEndpoint.absoluteString } ?? "-"))"
    }
}
