import Foundation

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Checks endpoints before any request is built.
public enum EndpointValidation {
    /// Hosts where plain HTTP is acceptable: the traffic never leaves the machine (tests, Azurite).
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" || host == "host.docker.internal" { return true }
        // 127.0.0.0/8 only as a numeric literal: `127.evil.example` is a public name.
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy {
                !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) && (Int($0) ?? 256) <= 255
            }
    }

    /// - Throws: ``AzureClientError`` naming what is wrong with `url`.
    public static func validate(_ url: URL, allowsInsecureHTTP: Bool = false) throws {
        guard let scheme = url.scheme?.lowercased() else {
            throw AzureClientError.invalidURL(
                url.absoluteString,
                reason: "it has no scheme (expected https://<account>.<service>.core.windows.net or similar)")
        }
        guard let host = url.host, !host.isEmpty else {
            throw AzureClientError.invalidURL(url.absoluteString, reason: "it has no host name")
        }
        switch scheme {
        case "https": return
        case "http":
            if allowsInsecureHTTP || isLoopback(host) { return }
            throw AzureClientError(
                .insecureEndpoint,
                "refusing plain http:// to '\(host)': credentials would cross the network unencrypted; use https:// (plain http is allowed only for loopback and emulator endpoints)"
            )
        default:
            throw AzureClientError.invalidURL(
                url.absoluteString, reason: "unsupported scheme '\(scheme)' (expected https://)")
        }
    }
}
