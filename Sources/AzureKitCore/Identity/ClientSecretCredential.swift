import Foundation
import Logging

/// A service principal's client secret, exchanged for tokens with the OAuth 2.0 client-credentials grant.
///
/// ```swift
/// let credential = try ClientSecretCredential(tenantID: tenant, clientID: appID, clientSecret: secret)
/// let batch = try BatchClient(endpoint: endpoint, credential: .token(credential))
/// ```
public struct ClientSecretCredential: TokenCredential, CustomStringConvertible {
    public let tenantID: String
    public let clientID: String
    private let clientSecret: String
    private let options: IdentityOptions
    private let cache: TokenCache
    private let endpoint: TokenEndpoint

    /// - Throws: ``AzureClientError`` for an empty or malformed tenant, client id or secret.
    public init(tenantID: String, clientID: String, clientSecret: String, options: IdentityOptions = .init()) throws {
        try IdentityValidation.tenant(tenantID)
        try IdentityValidation.nonEmpty(clientID, "client id")
        try IdentityValidation.nonEmpty(clientSecret, "client secret")
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.options = options
        self.cache = TokenCache(refreshMargin: options.refreshMargin)
        self.endpoint = TokenEndpoint(
            credentialName: "ClientSecretCredential", transport: options.transport, retry: options.retry)
    }

    public func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        let url = IdentityValidation.tokenURL(authority: options.authorityHost, tenant: tenantID)
        let fields = [
            ("client_id", clientID), ("client_secret", clientSecret), ("scope", scopes.joined(separator: " ")),
            ("grant_type", "client_credentials"),
        ]
        let endpoint = self.endpoint
        return try await cache.token(for: scopes) { try await endpoint.postForm(url, fields: fields, logger: logger) }
    }

    public var description: String {
        "ClientSecretCredential(tenantID: \(tenantID), clientID: \(clientID), clientSecret: \(Redaction.placeholder))"
    }
}

/// Checks shared by the identity credentials.
enum IdentityValidation {
    static func nonEmpty(_ value: String, _ what: String) throws {
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AzureClientError(.invalidCredential, "the \(what) is empty")
        }
    }

    /// Tenant ids are GUIDs or domain names; anything else would end up in a URL path.
    static func tenant(_ tenant: String) throws {
        try nonEmpty(tenant, "tenant id")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-"))
        guard tenant.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            throw AzureClientError(
                .invalidCredential, "the tenant id '\(tenant)' may contain only letters, digits, '.' and '-'")
        }
    }

    static func tokenURL(authority: URL, tenant: String) -> URL {
        authority.appendingPathComponent(tenant).appendingPathComponent("oauth2/v2.0/token")
    }
}
