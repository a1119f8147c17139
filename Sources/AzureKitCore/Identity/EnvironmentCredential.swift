import Foundation
import Logging

/// A service principal configured by `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET`.
///
/// ```swift
/// let credential = try EnvironmentCredential()   // throws CredentialUnavailableError when not configured
/// ```
public struct EnvironmentCredential: TokenCredential, CustomStringConvertible {
    private let inner: ClientSecretCredential

    public init(environment: EnvironmentVariables = .process, options: IdentityOptions? = nil) throws {
        guard let tenant = environment["AZURE_TENANT_ID"], let client = environment["AZURE_CLIENT_ID"],
            let secret = environment["AZURE_CLIENT_SECRET"]
        else {
            throw CredentialUnavailableError(
                credential: "EnvironmentCredential",
                reason: "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET must all be set")
        }
        inner = try ClientSecretCredential(
            tenantID: tenant, clientID: client, clientSecret: secret,
            options: options ?? IdentityOptions.from(environment: environment))
    }

    public func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        try await inner.token(for: scopes, logger: logger)
    }

    public var description: String { "EnvironmentCredential(\(inner))" }
}
