import AzureKitCore
import Foundation

/// Turns a registry token reply into an `AccessToken` (token plus expiry, never printed), so registry tokens
/// share the runtime's single-flight `TokenCache`.
enum RegistryToken {
    /// How long a token whose expiry cannot be read is trusted: the Docker token spec's default `expires_in`.
    static let unknownLifetime: TimeInterval = 60

    /// Expiry from, in order: the JWT `exp` claim, the reply's `expires_in`, else a short default, so a token
    /// of unknown lifetime is treated as short-lived.
    ///
    /// `expires_in` is counted from when the reply arrived, not from its `issued_at`: a client clock that runs
    /// ahead of the registry's would otherwise see fresh tokens as already expired.
    static func make(_ value: String, expiresIn: Double? = nil, now: Date) -> AccessToken {
        if let exp = JWTClaims.expiry(of: value) { return AccessToken(token: value, expiresOn: exp) }
        if let expiresIn, expiresIn > 0 {
            return AccessToken(token: value, expiresOn: now.addingTimeInterval(expiresIn))
        }
        return AccessToken(token: value, expiresOn: now.addingTimeInterval(unknownLifetime))
    }
}
