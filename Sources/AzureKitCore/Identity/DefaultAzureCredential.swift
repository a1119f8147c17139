import Foundation
import Logging

/// The credential chain the Azure SDKs use, in their order: environment (service principal secret),
/// workload identity, managed identity, Azure CLI. The first that yields a token is remembered and used
/// from then on.
///
/// A credential that is not configured here (``CredentialUnavailableError``) passes to the next; one that is
/// configured but fails (a wrong secret) stops the chain with its error, so a misconfiguration is reported
/// rather than hidden behind a later credential.
///
/// ```swift
/// let credential = try DefaultAzureCredential()
/// let blob = try BlobClient(url: url, credential: .token(credential))
/// ```
public struct DefaultAzureCredential: TokenCredential, CustomStringConvertible {
    public let chain: [any TokenCredential]
    private let chosen = ChosenCredential()

    /// Builds the chain from `environment`; credentials that are not configured are skipped.
    public init(environment: EnvironmentVariables = .process, transport: any HTTPTransport = DefaultTransport.shared)
        throws
    {
        let options = try IdentityOptions.from(environment: environment, transport: transport)
        var chain: [any TokenCredential] = []
        var notes: [String] = []
        do { chain.append(try EnvironmentCredential(environment: environment, options: options)) } catch let error
            as CredentialUnavailableError
        {
            notes.append(error.description)
        }
        do { chain.append(try WorkloadIdentityCredential(environment: environment, options: options)) } catch let error
            as CredentialUnavailableError
        {
            notes.append(error.description)
        }
        chain.append(ManagedIdentityCredential(environment: environment, transport: transport))
        chain.append(AzureCLICredential(tenantID: environment["AZURE_TENANT_ID"]))
        self.chain = chain
        self.skipped = notes
    }

    /// An explicit chain.
    public init(chain: [any TokenCredential]) {
        self.chain = chain
        self.skipped = []
    }

    private let skipped: [String]

    public func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        if let index = await chosen.index { return try await chain[index].token(for: scopes, logger: logger) }
        var reasons = skipped
        for (index, credential) in chain.enumerated() {
            do {
                let token = try await credential.token(for: scopes, logger: logger)
                await chosen.set(index)
                logger.debug("DefaultAzureCredential chose \(credential)")
                return token
            } catch let error as CredentialUnavailableError {
                reasons.append(error.description)
            }
        }
        throw AzureClientError(
            .authenticationFailed,
            "DefaultAzureCredential found no usable credential: " + reasons.joined(separator: "; "))
    }

    public var description: String { "DefaultAzureCredential(\(chain.map { "\($0)" }.joined(separator: " → ")))" }
}

/// Which credential of the chain worked; shared by every copy of the chain.
private actor ChosenCredential {
    var index: Int?
    func set(_ value: Int) { if index == nil { index = value } }
}
