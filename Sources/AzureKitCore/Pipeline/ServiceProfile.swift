/// What the runtime needs to know about one Azure service; each service module defines one.
///
/// ```swift
/// let profile = ServiceProfile(module: "batch", version: "0.1.0", dateHeader: "ocp-date",
///                              clientRequestIDHeader: "client-request-id", retry: .batch,
///                              errors: .batchJSON, tokenScopes: ["https://batch.core.windows.net//.default"],
///                              sharedKeyScheme: .batch)
/// ```
public struct ServiceProfile: Sendable {
    /// Short module name used in `User-Agent: azsdk-swift-<module>/<version>`.
    public var module: String
    public var version: String
    /// `x-ms-date` for Storage, `ocp-date` for Batch.
    public var dateHeader: String
    /// `x-ms-client-request-id` for Storage, `client-request-id` for Batch.
    public var clientRequestIDHeader: String
    /// Extra headers that ask the service to echo the client request id (Batch's `return-client-request-id`).
    public var clientRequestIDEchoHeaders: HTTPHeaders
    public var retry: RetryClassifier
    public var errors: ServiceErrorDecoder
    /// Entra ID scopes for bearer tokens.
    public var tokenScopes: [String]
    /// How Shared Key canonicalizes requests for this service.
    public var sharedKeyScheme: SharedKeyFlavor
    /// The resource provider namespace traced as `az.namespace` (`Microsoft.Batch`, `Microsoft.Storage`, …).
    public var azureNamespace: String

    public init(
        module: String, version: String, dateHeader: String, clientRequestIDHeader: String,
        clientRequestIDEchoHeaders: HTTPHeaders = [:], retry: RetryClassifier, errors: ServiceErrorDecoder,
        tokenScopes: [String], sharedKeyScheme: SharedKeyFlavor, azureNamespace: String = ""
    ) {
        self.module = module
        self.version = version
        self.dateHeader = dateHeader
        self.clientRequestIDHeader = clientRequestIDHeader
        self.clientRequestIDEchoHeaders = clientRequestIDEchoHeaders
        self.retry = retry
        self.errors = errors
        self.tokenScopes = tokenScopes
        self.sharedKeyScheme = sharedKeyScheme
        self.azureNamespace = azureNamespace
    }
}

/// Which Shared Key canonicalization a service uses.
public struct SharedKeyFlavor: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let storage = SharedKeyFlavor(rawValue: "storage")
    public static let batch = SharedKeyFlavor(rawValue: "batch")
    /// Services that never use Shared Key (Container Registry).
    public static let none = SharedKeyFlavor(rawValue: "none")
}
