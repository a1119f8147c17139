import Foundation

/// Where the SDK's examples and users find their Azure settings without putting secrets in code or images:
/// the Azure CLI's environment variables first, then an optional JSON config file with the same names.
///
/// This type only collects the `AZURE_*` values; each service module reads its own part (AzureBatchKit's
/// `settings.batch`, AzureBlobKit's `settings.storage`), so the runtime knows no service.
///
/// | variable | meaning | read by |
/// | --- | --- | --- |
/// | `AZURE_STORAGE_CONNECTION_STRING` | a Storage connection string (wins over the next two) | AzureBlobKit |
/// | `AZURE_STORAGE_ACCOUNT`, `AZURE_STORAGE_KEY` | a Storage account and its key | AzureBlobKit |
/// | `AZURE_BATCH_ACCOUNT`, `AZURE_BATCH_ACCESS_KEY`, `AZURE_BATCH_ENDPOINT` | a Batch account | AzureBatchKit |
/// | `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, … | Entra ID (see ``DefaultAzureCredential``) | AzureKitCore |
///
/// ```swift
/// let settings = try AzureSettings.load()                  // environment, then $AZURE_SETTINGS_FILE if set
/// if let batch = try settings.batch { print(batch.endpoint) }   // import AzureBatchKit
/// ```
public struct AzureSettings: Sendable, CustomStringConvertible {
    /// Every value read, for tools that need more (registry names, pool ids); keys are variable names.
    public let values: [String: String]

    /// Reads `environment`, falling back to `configFile` (JSON object of the same names) for unset variables.
    /// - Throws: ``AzureClientError`` naming the bad value (a config file that is not a JSON object of strings).
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
        return AzureSettings(values: values)
    }

    public init(values: [String: String]) {
        self.values = values
    }

    public subscript(name: String) -> String? { values[name] }

    /// The value of `name` as an endpoint URL: absolute, with a host, and `https` (or loopback / emulator `http`).
    /// - Throws: ``AzureClientError`` (`.invalidConfiguration`) naming the setting.
    public static func endpoint(_ text: String, setting name: String) throws -> URL {
        guard let url = URL(string: text), url.host != nil else {
            throw AzureClientError(.invalidConfiguration, "\(name) '\(text)' is not a URL")
        }
        do { try EndpointValidation.validate(url) } catch let error as AzureClientError {
            throw AzureClientError(.invalidConfiguration, "\(name): \(error.message)")
        }
        return url
    }

    /// Whether no Azure setting is configured (the examples run locally then).
    public var isEmpty: Bool { values.isEmpty }

    /// The names that are set, never their values (keys and connection strings are secrets).
    public var description: String { "AzureSettings(\(values.keys.sorted().joined(separator: ", ")))" }
}
