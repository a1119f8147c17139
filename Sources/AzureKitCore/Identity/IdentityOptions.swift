import Foundation

/// Settings shared by the Entra ID credentials.
public struct IdentityOptions: Sendable {
    /// The Entra ID authority, `https://login.microsoftonline.com` unless `AZURE_AUTHORITY_HOST` says otherwise.
    public var authorityHost: URL
    /// How token requests are sent (the SDK's default transport unless a test injects one).
    public var transport: any HTTPTransport
    /// Retries of a token request that failed transiently.
    public var retry: RetryOptions
    /// Tokens are refreshed this long before they expire.
    public var refreshMargin: Duration

    public init(
        authorityHost: URL = IdentityOptions.defaultAuthorityHost,
        transport: any HTTPTransport = DefaultTransport.shared,
        retry: RetryOptions = .init(maxRetries: 2), refreshMargin: Duration = .seconds(300)
    ) {
        self.authorityHost = authorityHost
        self.transport = transport
        self.retry = retry
        self.refreshMargin = refreshMargin
    }

    public static let defaultAuthorityHost = URL(string: "https://login.microsoftonline.com")!

    /// Options with the authority host taken from `AZURE_AUTHORITY_HOST` when set.
    public static func from(environment: EnvironmentVariables, transport: any HTTPTransport = DefaultTransport.shared)
        throws -> IdentityOptions
    {
        var options = IdentityOptions(transport: transport)
        if let host = environment["AZURE_AUTHORITY_HOST"] {
            guard let url = URL(string: host.hasPrefix("http") ? host : "https://\(host)"), url.host != nil else {
                throw AzureClientError(.invalidConfiguration, "AZURE_AUTHORITY_HOST '\(host)' is not a URL")
            }
            try EndpointValidation.validate(url)
            options.authorityHost = url
        }
        return options
    }
}

/// Environment variables as a value, so tests can inject them instead of mutating the process environment.
public struct EnvironmentVariables: Sendable, ExpressibleByDictionaryLiteral {
    public let values: [String: String]

    public init(_ values: [String: String]) { self.values = values }
    public init(dictionaryLiteral elements: (String, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The current process's environment.
    public static var process: EnvironmentVariables { EnvironmentVariables(ProcessInfo.processInfo.environment) }

    /// The value of `name`, treating an empty value as unset.
    public subscript(name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }
}
