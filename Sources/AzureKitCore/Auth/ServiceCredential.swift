import Foundation

/// How a client authenticates: Shared Key, a SAS token, an Entra ID ``TokenCredential``, a service module's own
/// scheme (``custom(_:)``), or nothing.
///
/// ```swift
/// let batch = try BatchClient(endpoint: url, credential: .sharedKey(key))
/// let blob = try BlobClient(url: url, credential: .token(DefaultAzureCredential()))
/// ```
public struct ServiceCredential: Sendable, CustomStringConvertible {
    enum Storage: Sendable {
        case sharedKey(SharedKeyCredential)
        case token(any TokenCredential)
        case sas(String)
        case custom(any HTTPPolicy)
        case anonymous
    }

    let storage: Storage

    /// Signs each attempt with the account key.
    public static func sharedKey(_ credential: SharedKeyCredential) -> ServiceCredential {
        .init(storage: .sharedKey(credential))
    }
    /// Sends `Authorization: Bearer` with tokens from `credential`.
    public static func token(_ credential: any TokenCredential) -> ServiceCredential {
        .init(storage: .token(credential))
    }
    /// Appends a SAS query string (with or without the leading `?`) to every request URL.
    public static func sas(_ token: String) -> ServiceCredential {
        .init(storage: .sas(token.hasPrefix("?") ? String(token.dropFirst()) : token))
    }
    /// A service module's own authentication, run by ``AuthenticationPolicy`` where the other schemes run (every
    /// attempt, after the date, before tracing and logging), for a scheme Core does not know: Container Registry's
    /// `WWW-Authenticate` challenge answered with a token per scope. The policy may send the request more than
    /// once (a challenge, then the request again with its answer).
    public static func custom(_ policy: any HTTPPolicy) -> ServiceCredential {
        .init(storage: .custom(policy))
    }
    /// No authentication (public containers, anonymous registries, emulators).
    public static let anonymous = ServiceCredential(storage: .anonymous)

    /// The Shared Key credential, when this is one.
    public var sharedKey: SharedKeyCredential? {
        if case .sharedKey(let key) = storage { return key }
        return nil
    }

    /// The SAS query string, when this is one.
    public var sasToken: String? {
        if case .sas(let sas) = storage { return sas }
        return nil
    }

    /// The token credential, when this is one.
    public var tokenCredential: (any TokenCredential)? {
        if case .token(let credential) = storage { return credential }
        return nil
    }

    public var description: String {
        switch storage {
        case .sharedKey(let key): return "sharedKey(\(key.accountName))"
        case .token(let credential): return "token(\(type(of: credential)))"
        case .sas: return "sas(\(Redaction.placeholder))"
        case .custom(let policy): return "custom(\(type(of: policy)))"
        case .anonymous: return "anonymous"
        }
    }
}
