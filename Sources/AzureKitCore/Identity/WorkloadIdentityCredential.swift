import Foundation
import Logging

/// Workload identity (AKS and other federated identities): a federated token read from a file is exchanged
/// for an Entra ID token with the client-assertion grant. The file is read again on each refresh, because
/// the platform rotates it.
///
/// ```swift
/// let credential = try WorkloadIdentityCredential(environment: .process)   // AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE
/// ```
public struct WorkloadIdentityCredential: TokenCredential, CustomStringConvertible {
    public let tenantID: String
    public let clientID: String
    public let tokenFilePath: String
    private let options: IdentityOptions
    private let cache: TokenCache
    private let endpoint: TokenEndpoint

    public init(tenantID: String, clientID: String, tokenFilePath: String, options: IdentityOptions = .init()) throws {
        try IdentityValidation.tenant(tenantID)
        try IdentityValidation.nonEmpty(clientID, "client id")
        try IdentityValidation.nonEmpty(tokenFilePath, "federated token file path")
        self.tenantID = tenantID
        self.clientID = clientID
        self.tokenFilePath = tokenFilePath
        self.options = options
        self.cache = TokenCache(refreshMargin: options.refreshMargin)
        self.endpoint = TokenEndpoint(
            credentialName: "WorkloadIdentityCredential", transport: options.transport, retry: options.retry)
    }

    /// From `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_FEDERATED_TOKEN_FILE`.
    /// - Throws: ``CredentialUnavailableError`` when any of them is missing.
    public init(environment: EnvironmentVariables, options: IdentityOptions? = nil) throws {
        guard let tenant = environment["AZURE_TENANT_ID"], let client = environment["AZURE_CLIENT_ID"],
            let file = environment["AZURE_FEDERATED_TOKEN_FILE"]
        else {
            throw CredentialUnavailableError(
                credential: "WorkloadIdentityCredential",
                reason: "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE must all be set")
        }
        try self.init(
            tenantID: tenant, clientID: client, tokenFilePath: file,
            options: options ?? IdentityOptions.from(environment: environment))
    }

    public func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        let url = IdentityValidation.tokenURL(authority: options.authorityHost, tenant: tenantID)
        let (path, clientID, endpoint) = (tokenFilePath, self.clientID, self.endpoint)
        return try await cache.token(for: scopes) {
            let assertion: String
            do {
                assertion = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            } catch {
                throw AzureClientError(
                    .invalidCredential, "WorkloadIdentityCredential cannot read the federated token file \(path)")
            }
            guard !assertion.isEmpty else {
                throw AzureClientError(
                    .invalidCredential, "WorkloadIdentityCredential: the federated token file \(path) is empty")
            }
            return try await endpoint.postForm(
                url,
                fields: [
                    ("client_id", clientID), ("scope", scopes.joined(separator: " ")),
                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                    ("client_assertion", assertion), ("grant_type", "client_credentials"),
                ], logger: logger)
        }
    }

    public var description: String {
        "WorkloadIdentityCredential(tenantID: \(tenantID), clientID: \(clientID), tokenFile: \(tokenFilePath))"
    }
}
