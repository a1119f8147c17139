import AzureKitCore
import Foundation

/// How the SDK itself authenticates to a registry (for preflight checks): a username and password, an
/// Entra ID identity, an ACR refresh token, or nothing.
///
/// A struct over a private enum so new kinds never break callers. Its `description` never shows a secret.
///
/// ```swift
/// let admin = RegistryCredential.basic(username: "devregistry", password: password)
/// let entra = RegistryCredential.entraID(myTokenCredential)
/// let anonymous = RegistryCredential.anonymous
/// ```
public struct RegistryCredential: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    enum Storage: Sendable {
        case anonymous
        case basic(username: String, password: String)
        case refreshToken(String)
        case entraID(any TokenCredential, tenantID: String?, scopes: [String])
    }

    let storage: Storage

    /// The username Docker uses when the password is an ACR refresh token.
    public static let nullGUIDUsername = "00000000-0000-0000-0000-000000000000"
    /// The Entra ID scope ACR's token exchange expects (`DEFAULT_AUDIENCE + "/.default"` in the Python SDK).
    public static let defaultEntraScope = "https://containerregistry.azure.net/.default"

    /// No credentials: the registry must allow anonymous pull.
    public static let anonymous = RegistryCredential(storage: .anonymous)

    /// An admin user, a repository-scoped ACR token, or a service principal (app id + secret).
    ///
    /// Sent as HTTP Basic to the registry's token endpoint (what `docker login` does). A pair whose username is
    /// ``nullGUIDUsername`` means the password is an ACR refresh token, as in Docker, and is treated as
    /// ``acrRefreshToken(_:)``.
    public static func basic(username: String, password: String) -> RegistryCredential {
        if username == nullGUIDUsername { return .acrRefreshToken(password) }
        return RegistryCredential(storage: .basic(username: username, password: password))
    }

    /// An ACR refresh token (from `az acr login --expose-token`, or an earlier exchange).
    public static func acrRefreshToken(_ token: String) -> RegistryCredential {
        RegistryCredential(storage: .refreshToken(token))
    }

    /// An Entra ID identity (CLI login, workload identity, managed identity …): its token is exchanged for an
    /// ACR refresh token and then for access tokens per repository. Entra and refresh tokens are sent only to
    /// the registry's own host, whatever token realm a challenge names.
    ///
    /// - Parameters:
    ///   - credential: any Entra ID credential; asked for `scopes` once per ACR refresh token.
    ///   - tenantID: sent with the exchange when given (the Python SDK leaves it out).
    ///   - scopes: the Entra scopes to ask the credential for; ACR also accepts an ARM token
    ///     (`https://management.core.windows.net/.default`).
    public static func entraID(
        _ credential: any TokenCredential, tenantID: String? = nil, scopes: [String] = [defaultEntraScope]
    ) -> RegistryCredential {
        RegistryCredential(storage: .entraID(credential, tenantID: tenantID, scopes: scopes))
    }

    /// The username of a ``basic(username:password:)`` credential.
    public var username: String? {
        if case .basic(let username, _) = storage { return username }
        return nil
    }

    public var isAnonymous: Bool {
        if case .anonymous = storage { return true }
        return false
    }

    public var description: String {
        switch storage {
        case .anonymous: return "RegistryCredential.anonymous"
        case .basic(let username, _):
            return "RegistryCredential.basic(username: \(username), password: \(Redaction.placeholder))"
        case .refreshToken: return "RegistryCredential.acrRefreshToken(\(Redaction.placeholder))"
        case .entraID(let credential, let tenant, _):
            return "RegistryCredential.entraID(\(type(of: credential))\(tenant.map { ", tenantID: \($0)" } ?? ""))"
        }
    }

    public var debugDescription: String { description }
}
