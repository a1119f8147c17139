import AzureKitCore

/// A Batch data-plane REST API version, sent as `api-version` on every request.
public struct BatchAPIVersion: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The default: the version the GA SDKs send.
    public static let v2025_06_01: BatchAPIVersion = "2025-06-01"
    /// The newest stable version; drops the retired task `authenticationTokenSettings`.
    public static let v2026_10_01: BatchAPIVersion = "2026-10-01"
    public static let known: [BatchAPIVersion] = [.v2025_06_01, .v2026_10_01]
}

/// Options of a ``BatchClient``: the API version and the shared runtime options (retry, transport, redaction…).
///
/// ```swift
/// let options = BatchClientOptions(apiVersion: .v2026_10_01, core: .init(retry: .init(maxRetries: 5)))
/// ```
public struct BatchClientOptions: Sendable {
    public var apiVersion: BatchAPIVersion
    /// Retry, logging, transport and timeouts (the shared runtime's options; the same label in every
    /// `<Service>ClientOptions`).
    public var core: ServiceClientOptions

    public init(apiVersion: BatchAPIVersion = .v2025_06_01, core: ServiceClientOptions = .init()) {
        self.apiVersion = apiVersion
        self.core = core
    }
}
