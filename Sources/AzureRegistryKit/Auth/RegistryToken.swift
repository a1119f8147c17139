import AzureKitCore
import Foundation

/// A registry token (ACR refresh token or access token) and when it stops being usable.
///
/// Its `description` never shows the token.
struct RegistryToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String
    let expiresOn: Date

    /// How long a token whose expiry cannot be read is trusted: the Docker token spec's default `expires_in`.
    static let unknownLifetime: TimeInterval = 60

    /// Expiry from, in order: the JWT `exp` claim, the response's `expires_in` (from `issued_at` when given),
    /// else a short default.
    init(value: String, expiresIn: Double? = nil, issuedAt: Date? = nil, now: Date) {
        self.value = value
        if let exp = JWTClaims.expiry(of: value) {
            expiresOn = exp
        } else if let expiresIn, expiresIn > 0 {
            expiresOn = (issuedAt ?? now).addingTimeInterval(expiresIn)
        } else {
            expiresOn = now.addingTimeInterval(Self.unknownLifetime)
        }
    }

    init(value: String, expiresOn: Date) {
        self.value = value
        self.expiresOn = expiresOn
    }

    /// Usable until `margin` before expiry.
    func isFresh(at now: Date, margin: TimeInterval) -> Bool { expiresOn.timeIntervalSince(now) > margin }

    var description: String { "RegistryToken(\(Redaction.placeholder), expiresOn: \(expiresOn))" }
    var debugDescription: String { description }
}

/// Reads claims from a JWT payload without verifying it (the registry verifies; the client only needs `exp`).
enum JWTClaims {
    /// The `exp` claim, or `nil` when the token is not a JWT or has no numeric `exp`.
    static func expiry(of token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = base64URLDecode(parts[1]),
              let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        let exp = (object["exp"] as? NSNumber)?.doubleValue
        guard let exp, exp.isFinite, exp > 0 else { return nil }
        return Date(timeIntervalSince1970: exp)
    }

    /// base64url with `(4 - len % 4) % 4` padding (the Python SDK pads with `len % 4`, which is wrong).
    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
