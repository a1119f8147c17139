import Foundation

/// A Storage or Batch account name and its Shared Key. The key never appears in any `description`.
///
/// ```swift
/// let credential = try SharedKeyCredential(accountName: "devacct", accountKey: ProcessInfo.processInfo.environment["AZURE_STORAGE_KEY"]!)
/// ```
public struct SharedKeyCredential: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let accountName: String
    /// The base64 text of the key, as the portal shows it.
    public let accountKey: String
    /// The decoded key bytes.
    public let keyBytes: [UInt8]

    /// - Throws: ``AzureClientError`` (`.invalidCredential`) for an empty account name or a key that is not base64.
    public init(accountName: String, accountKey: String) throws {
        let name = accountName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw AzureClientError(.invalidCredential, "the account name is empty")
        }
        guard !accountKey.isEmpty else {
            throw AzureClientError(.invalidCredential, "the account key for '\(name)' is empty")
        }
        guard let bytes = Data(base64Encoded: accountKey.trimmingCharacters(in: .whitespacesAndNewlines)),
            !bytes.isEmpty
        else {
            throw AzureClientError(.invalidCredential, "the account key for '\(name)' is not valid base64")
        }
        self.accountName = name
        self.accountKey = accountKey.trimmingCharacters(in: .whitespacesAndNewlines)
        self.keyBytes = Array(bytes)
    }

    public var description: String {
        "SharedKeyCredential(accountName: \(accountName), accountKey: \(Redaction.placeholder))"
    }
    public var debugDescription: String { description }
}
