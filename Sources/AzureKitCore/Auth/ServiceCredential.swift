import Foundation

/// How a client authenticates: Shared Key, a SAS token, an Entra ID ``TokenCredential``, or nothing.
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
        case .anonymous: return "anonymous"
        }
    }
}
