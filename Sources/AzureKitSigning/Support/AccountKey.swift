import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A decoded HMAC key (account key or user delegation key value). Never printed.
struct AccountKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    // Raw bytes rather than SymmetricKey, which is not Sendable; a key is rebuilt per signature.
    private let bytes: [UInt8]

    /// Decodes a standard Base64 key; surrounding whitespace (a trailing newline from a file or
    /// an environment variable) is ignored, anything else that is not Base64 is rejected.
    /// - Parameter what: names the input in error messages ("account key", "user delegation key").
    init(base64 text: String, what: String) throws(SigningError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else {
            throw SigningError(.invalidAccountKey, "The \(what) is empty.")
        }
        guard let bytes = Data(base64Encoded: trimmed), !bytes.isEmpty else {
            throw SigningError(
                .invalidAccountKey,
                "The \(what) is not valid Base64 (\(trimmed.utf8.count) characters; expected the key as shown in the portal)."
            )
        }
        self.bytes = Array(bytes)
    }

    /// Base64 of HMAC-SHA256(key, UTF-8(message)).
    func signature(for message: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: bytes))
        return Data(mac).base64EncodedString()
    }

    var description: String { "AccountKey(<redacted>)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
