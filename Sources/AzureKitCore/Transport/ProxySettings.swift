import Foundation

/// Which proxy, if any, a request goes through: the `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` convention that
/// curl, Python `requests` and the other Azure SDKs follow (upper or lower case; `https_proxy` wins over
/// `HTTPS_PROXY` as in curl).
///
/// `NO_PROXY` is a comma-separated list: `*` bypasses the proxy for every host; `example.com` and
/// `.example.com` bypass it for that host and its subdomains; an IP address matches itself; a `:port` suffix on
/// an entry is ignored. CIDR ranges are not supported.
///
/// ```swift
/// let settings = ProxySettings(https: ProxySettings.Server(url: "http://user:pw@proxy.corp:3128"), noProxy: ["localhost", ".internal"])
/// settings.server(for: URL(string: "https://acct.blob.core.windows.net")!)   // the proxy
/// ```
public struct ProxySettings: Sendable, Equatable {
    /// One proxy server (an HTTP proxy reached with `CONNECT`).
    public struct Server: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        /// `user:password` for `Proxy-Authorization: Basic`, when the proxy URL carried them.
        public var credentials: (user: String, password: String)? {
            user.map { ($0, password ?? "") }
        }
        private var user: String?
        private var password: String?

        public init(host: String, port: Int, user: String? = nil, password: String? = nil) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
        }

        /// Parses `http://[user:password@]host[:port]` (a bare `host:port` is accepted too); `nil` when unusable.
        public init?(url text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
            guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty,
                components.scheme?.lowercased() == "http" || components.scheme?.lowercased() == "https"
            else { return nil }
            self.init(
                host: host, port: components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80),
                user: components.user?.removingPercentEncoding, password: components.password?.removingPercentEncoding)
        }

        /// Host and port only: the credentials are never printed.
        public var description: String { "\(host):\(port)" }

        public static func == (lhs: Server, rhs: Server) -> Bool {
            lhs.host == rhs.host && lhs.port == rhs.port && lhs.user == rhs.user && lhs.password == rhs.password
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(host)
            hasher.combine(port)
            hasher.combine(user)
        }
    }

    /// The proxy for `https://` requests.
    public var https: Server?
    /// The proxy for `http://` requests.
    public var http: Server?
    /// Hosts that are reached directly.
    public var noProxy: [String]

    public init(https: Server? = nil, http: Server? = nil, noProxy: [String] = []) {
        self.https = https
        self.http = http
        self.noProxy = noProxy.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// No proxy at all.
    public static let direct = ProxySettings()

    /// The settings the environment asks for.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ProxySettings
    {
        func value(_ name: String) -> String? {
            (environment[name.lowercased()] ?? environment[name.uppercased()]).flatMap { $0.isEmpty ? nil : $0 }
        }
        return ProxySettings(
            https: value("https_proxy").flatMap(Server.init(url:)),
            http: value("http_proxy").flatMap(Server.init(url:)),
            noProxy: value("no_proxy")?.split(separator: ",").map(String.init) ?? [])
    }

    /// The proxy `url` goes through, or `nil` to connect directly.
    public func server(for url: URL) -> Server? {
        let server = url.scheme?.lowercased() == "https" ? https : http
        guard let server, let host = url.host?.lowercased() else { return nil }
        return bypasses(host: host) ? nil : server
    }

    /// Whether `NO_PROXY` sends `host` directly.
    public func bypasses(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return noProxy.contains { entry in
            if entry == "*" { return true }
            var pattern = entry
            if let colon = pattern.lastIndex(of: ":"), !pattern.hasPrefix("["), pattern.filter({ $0 == ":" }).count == 1
            {
                pattern = String(pattern[..<colon])
            }
            pattern = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if pattern.hasPrefix("*.") { pattern.removeFirst() }
            if pattern.hasPrefix(".") { return host.hasSuffix(pattern) || host == String(pattern.dropFirst()) }
            return host == pattern || host.hasSuffix("." + pattern)
        }
    }
}
