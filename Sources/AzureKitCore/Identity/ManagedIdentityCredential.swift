import AzureKitSigning
import Foundation
import Logging

/// The managed identity of the Azure resource this code runs on: a Batch node, a VM, App Service or
/// Functions. No secret exists anywhere; the platform's local endpoint hands out tokens.
///
/// Uses the App Service endpoint when `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` are set, otherwise the
/// instance metadata service (IMDS) at `169.254.169.254`.
///
/// ```swift
/// let credential = ManagedIdentityCredential(clientID: userAssignedClientID)   // nil: system-assigned
/// ```
public struct ManagedIdentityCredential: TokenCredential, CustomStringConvertible {
    /// Where tokens come from.
    public enum Endpoint: Sendable, Equatable {
        /// `GET <url>?api-version=2019-08-01&resource=…` with `X-IDENTITY-HEADER`.
        case appService(url: URL, header: String)
        /// `GET <url>?api-version=2018-02-01&resource=…` with `Metadata: true`.
        case imds(url: URL)
    }

    public static let defaultIMDS = URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!

    /// The client id of a user-assigned identity; `nil` for the system-assigned one.
    public let clientID: String?
    public let endpoint: Endpoint
    private let cache: TokenCache
    private let tokenEndpoint: TokenEndpoint

    /// - Parameters:
    ///   - clientID: a user-assigned identity's client id (defaults to `AZURE_CLIENT_ID`, then system-assigned).
    ///   - environment: also read for `IDENTITY_ENDPOINT`/`IDENTITY_HEADER` (App Service) and
    ///     `AZURE_POD_IDENTITY_AUTHORITY_HOST` (another IMDS host, as the other Azure SDKs allow).
    ///   - probeTimeout: how long to wait for the endpoint; short so a chain moves on quickly off Azure.
    ///   - retry: retries of a failed token request; none by default so a chain moves on quickly. Code that knows
    ///     it runs with an identity (a task on a keyless pool) passes the runtime's usual `RetryOptions()`: IMDS
    ///     throttles (429) and restarts (5xx).
    public init(
        clientID: String? = nil, environment: EnvironmentVariables = .process,
        transport: any HTTPTransport = DefaultTransport.shared,
        probeTimeout: Duration = .seconds(2), retry: RetryOptions = .none
    ) {
        self.clientID = clientID ?? environment["AZURE_CLIENT_ID"]
        if let url = environment["IDENTITY_ENDPOINT"].flatMap(URL.init(string:)),
            let header = environment["IDENTITY_HEADER"]
        {
            endpoint = .appService(url: url, header: header)
        } else if let host = environment["AZURE_POD_IDENTITY_AUTHORITY_HOST"].flatMap({
            URL(string: $0.hasPrefix("http") ? $0 : "http://\($0)")
        }),
            host.host != nil
        {
            endpoint = .imds(url: host.appendingPathComponent("metadata/identity/oauth2/token"))
        } else {
            endpoint = .imds(url: Self.defaultIMDS)
        }
        cache = TokenCache()
        tokenEndpoint = TokenEndpoint(
            credentialName: "ManagedIdentityCredential", transport: transport, retry: retry, timeout: probeTimeout)
    }

    /// Uses an explicit endpoint (tests point it at a loopback server).
    public init(
        clientID: String? = nil, endpoint: Endpoint, transport: any HTTPTransport = DefaultTransport.shared,
        probeTimeout: Duration = .seconds(2), retry: RetryOptions = .none
    ) {
        self.clientID = clientID
        self.endpoint = endpoint
        cache = TokenCache()
        tokenEndpoint = TokenEndpoint(
            credentialName: "ManagedIdentityCredential", transport: transport, retry: retry, timeout: probeTimeout)
    }

    public func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        guard scopes.count == 1, let scope = scopes.first else {
            throw AzureClientError(
                .invalidArgument, "ManagedIdentityCredential takes exactly one scope, got \(scopes.count)")
        }
        let resource = Self.resource(forScope: scope)
        let (endpoint, clientID, tokenEndpoint) = (self.endpoint, self.clientID, self.tokenEndpoint)
        do {
            return try await fetch(
                scopes: scopes, resource: resource, endpoint: endpoint, clientID: clientID,
                tokenEndpoint: tokenEndpoint, logger: logger)
        } catch let error as AzureClientError
            where error.kind == .authenticationFailed && clientID != nil && Self.isUnknownIdentity(error)
        {
            throw AzureClientError(
                .authenticationFailed,
                "no managed identity with client id \(clientID ?? "") is available here (\(error.message)): attach that user-assigned identity to the pool or VM, or set AZURE_CLIENT_ID to the client id of one that is attached"
            )
        }
    }

    /// IMDS answers 400 `Identity not found` for a client id not attached to the machine (a 404 from IMDS means
    /// it is restarting, not that the identity is unknown).
    static func isUnknownIdentity(_ error: AzureClientError) -> Bool {
        let text = error.message.lowercased()
        return text.contains("identity not found") || text.contains("http 400")
    }

    private func fetch(
        scopes: [String], resource: String, endpoint: Endpoint, clientID: String?, tokenEndpoint: TokenEndpoint,
        logger: Logger
    ) async throws -> AccessToken {
        try await cache.token(for: scopes) {
            switch endpoint {
            case .appService(let url, let header):
                let request = try Self.url(
                    url,
                    query: [("api-version", "2019-08-01"), ("resource", resource)]
                        + (clientID.map { [("client_id", $0)] } ?? []))
                return try await tokenEndpoint.get(
                    request, headers: ["X-IDENTITY-HEADER": header, "Accept": "application/json"], logger: logger)
            case .imds(let url):
                let request = try Self.url(
                    url,
                    query: [("api-version", "2018-02-01"), ("resource", resource)]
                        + (clientID.map { [("client_id", $0)] } ?? []))
                return try await tokenEndpoint.get(
                    request, headers: ["Metadata": "true", "Accept": "application/json"], logger: logger)
            }
        }
    }

    /// `https://batch.core.windows.net//.default` → `https://batch.core.windows.net/` (the v1 resource form).
    public static func resource(forScope scope: String) -> String {
        scope.hasSuffix("/.default") ? String(scope.dropLast("/.default".count)) : scope
    }

    static func url(_ base: URL, query: [(String, String)]) throws -> URL {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw AzureClientError.invalidURL(base.absoluteString, reason: "not a managed identity endpoint")
        }
        components.percentEncodedQuery = PercentEncoding.query(query)
        guard let url = components.url else {
            throw AzureClientError.invalidURL(base.absoluteString, reason: "not a managed identity endpoint")
        }
        return url
    }

    public var description: String {
        switch endpoint {
        case .appService(let url, _):
            return
                "ManagedIdentityCredential(appService: \(url.host ?? ""), clientID: \(clientID ?? "system-assigned"))"
        case .imds: return "ManagedIdentityCredential(imds, clientID: \(clientID ?? "system-assigned"))"
        }
    }
}
