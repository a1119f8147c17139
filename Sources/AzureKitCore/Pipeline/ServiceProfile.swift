import AzureKitSigning

/// What the runtime needs to know about one Azure service; each service module defines one.
///
/// ```swift
/// let profile = ServiceProfile(module: "batch", version: "0.1.0", dateHeader: "ocp-date",
///                              clientRequestIDHeader: "client-request-id", retry: .standard,
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
    /// How Shared Key canonicalizes requests for this service (AzureKitSigning's scheme); `nil` for services that
    /// never take Shared Key (Container Registry, Resource Manager, Entra ID).
    public var sharedKeyScheme: SharedKeyScheme?
    /// The resource provider namespace traced as `az.namespace` (`Microsoft.Batch`, `Microsoft.Storage`, …).
    public var azureNamespace: String
    /// Where the service takes its REST API version (``ServiceClient/apiVersion``).
    public var apiVersion: APIVersionParameter
    /// The `Accept` header a request gets when it names none (`application/json`, `application/xml`).
    public var defaultAccept: String?

    public init(
        module: String, version: String, dateHeader: String, clientRequestIDHeader: String,
        clientRequestIDEchoHeaders: HTTPHeaders = [:], retry: RetryClassifier, errors: ServiceErrorDecoder,
        tokenScopes: [String], sharedKeyScheme: SharedKeyScheme?, azureNamespace: String = "",
        apiVersion: APIVersionParameter = .none, defaultAccept: String? = nil
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
        self.apiVersion = apiVersion
        self.defaultAccept = defaultAccept
    }
}

/// Where a service takes its REST API version; part of the request conventions a ``ServiceProfile`` carries, so
/// every client builds requests the same way (``ServiceClient/request(_:path:query:headers:body:)``).
public enum APIVersionParameter: Sendable, Hashable {
    /// A query parameter on URLs built from path segments (`api-version`: Batch, Resource Manager).
    case query(String)
    /// A header on every request (`x-ms-version`: Storage).
    case header(String)
    /// No versioned API (Docker Registry v2, Entra ID token endpoints).
    case none
}
