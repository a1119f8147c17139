import Foundation
import Logging

/// Something that can hand out Microsoft Entra ID access tokens for a set of scopes.
///
/// Implemented by the identity credentials (client secret, workload identity, managed identity, Azure CLI,
/// ``DefaultAzureCredential``) and by anything a user brings.
///
/// ```swift
/// let token = try await credential.token(for: ["https://storage.azure.com/.default"], logger: logger)
/// ```
public protocol TokenCredential: Sendable {
    /// A token valid for `scopes`; implementations may cache.
    func token(for scopes: [String], logger: Logger) async throws -> AccessToken
}

/// A bearer token and when it expires. Its `description` never shows the token.
public struct AccessToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let token: String
    public let expiresOn: Date

    public init(token: String, expiresOn: Date) {
        self.token = token
        self.expiresOn = expiresOn
    }

    /// Whether the token expires within `margin` of `now`.
    public func expires(within margin: Duration, of now: Date = Date()) -> Bool {
        expiresOn.timeIntervalSince(now) <= margin.timeInterval
    }

    public var description: String { "AccessToken(token: \(Redaction.placeholder), expiresOn: \(expiresOn))" }
    public var debugDescription: String { description }
}
