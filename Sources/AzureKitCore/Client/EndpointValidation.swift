import Foundation

/// Checks endpoints before any request is built.
public enum EndpointValidation {
    /// Hosts where plain HTTP is acceptable: the traffic never leaves the machine (tests, Azurite).
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.") || host == "host.docker.internal"
    }

    /// - Throws: ``AzureClientError`` naming what is wrong with `url`.
    public static func validate(_ url: URL, allowsInsecureHTTP: Bool = false) throws {
        guard let scheme = url.scheme?.lowercased() else {
            throw AzureClientError.invalidURL(url.absoluteString, reason: "it has no scheme (expected https://)")
        }
        guard let host = url.host, !host.isEmpty else {
            throw AzureClientError.invalidURL(url.absoluteString, reason: "it has no host")
        }
        switch scheme {
        case "https": return
        case "http":
            if allowsInsecureHTTP || isLoopback(host) { return }
            throw AzureClientError(.insecureEndpoint,
                "refusing plain http:// to '\(host)': credentials would cross the network unencrypted; use https:// (plain http is allowed only for loopback and emulator endpoints)")
        default:
            throw AzureClientError.invalidURL(url.absoluteString, reason: "unsupported scheme '\(scheme)' (expected https://)")
        }
    }
}
