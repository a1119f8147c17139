import Foundation

/// Reads claims from a JWT payload without verifying it (the registry verifies; the client only needs `exp`).
enum JWTClaims {
    /// The `exp` claim, or `nil` when the token is not a JWT or has no positive numeric `exp`.
    static func expiry(of token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = base64URLDecode(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
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
