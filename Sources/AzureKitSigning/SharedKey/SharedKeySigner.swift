#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Signs requests with an account name and key (Azure Storage and Azure Batch "Shared Key").
///
/// Pure and deterministic: the date is one of the headers you pass (`x-ms-date` for Storage,
/// `ocp-date` for Batch), so the same inputs always give the same signature. Sign the request
/// exactly as it will be sent, on every attempt, after every other header is set.
///
/// ```swift
/// let signer = try SharedKeySigner(accountName: "devacct", accountKey: keyFromEnvironment)
/// let headers: [(name: String, value: String)] = [
///     ("x-ms-date", AzureDateFormat.rfc1123(Date())),
///     ("x-ms-version", "2026-10-06"),
///     ("Content-Length", "13"),
/// ]
/// let authorization = try signer.authorization(method: "PUT", url: blobURL, headers: headers, scheme: .storage)
/// // "SharedKey devacct:5ERSzb..."
/// ```
///
/// The key is never part of `description`, `debugDescription`, a mirror or an error message.
public struct SharedKeySigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The account name, as it appears in `Authorization` and in the canonicalized resource.
    public let accountName: String
    let key: AccountKey

    /// Creates a signer.
    /// - Parameters:
    ///   - accountName: the Storage or Batch account name (not empty; letters, digits, `-`, `_`, `.`).
    ///   - accountKey: the account access key, Base64 as the portal and CLI show it.
    /// - Throws: ``SigningError`` with ``SigningError/Code/invalidAccountName`` or
    ///   ``SigningError/Code/invalidAccountKey``.
    public init(accountName: String, accountKey: String) throws(SigningError) {
        self.accountName = try Self.validatedAccountName(accountName)
        self.key = try AccountKey(base64: accountKey, what: "account key")
    }

    /// The string to sign for a request (useful to compare with the service's
    /// `AuthenticationErrorDetail` when a signature is rejected).
    /// - Parameters:
    ///   - method: the HTTP method; it is upper-cased.
    ///   - url: the URL exactly as it will be sent (its encoded path and query are signed).
    ///   - headers: every header that will be sent; names are case-insensitive, repeated names are
    ///     combined with `,`, values are trimmed.
    ///   - scheme: ``SharedKeyScheme/storage`` or ``SharedKeyScheme/batch``.
    /// - Throws: ``SigningError`` for a bad method, header name or value, or URL.
    public func stringToSign(
        method: String,
        url: URL,
        headers: [(name: String, value: String)],
        scheme: SharedKeyScheme
    ) throws(SigningError) -> String {
        try SharedKeyStringToSign.make(method: method, url: url, headers: headers, account: accountName, scheme: scheme)
    }

    /// The Base64 HMAC-SHA256 of `stringToSign` under the account key.
    public func signature(forStringToSign stringToSign: String) -> String {
        key.signature(for: stringToSign)
    }

    /// The `Authorization` header value, `SharedKey <account>:<signature>`.
    /// - Throws: the same errors as ``stringToSign(method:url:headers:scheme:)``.
    public func authorization(
        method: String,
        url: URL,
        headers: [(name: String, value: String)],
        scheme: SharedKeyScheme
    ) throws(SigningError) -> String {
        let text = try stringToSign(method: method, url: url, headers: headers, scheme: scheme)
        return "SharedKey " + accountName + ":" + signature(forStringToSign: text)
    }

    public var description: String { "SharedKeySigner(account: \(accountName), key: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accountName": accountName], displayStyle: .struct) }

    static func validatedAccountName(_ name: String) throws(SigningError) -> String {
        guard !name.isEmpty else {
            throw SigningError(.invalidAccountName, "The account name is empty.")
        }
        let allowed = name.utf8.allSatisfy { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
            default: false
            }
        }
        guard allowed else {
            throw SigningError(
                .invalidAccountName,
                "The account name \"\(SigningHeaders.printable(name))\" may only contain letters, digits, '-', '_' and '.'."
            )
        }
        return name
    }
}
