/// A generated shared access signature: its query parameters in the order the Azure SDKs emit
/// them, the string that was signed, and the signature.
///
/// `description`, `debugDescription` and the mirror show the token with `sig=REDACTED`; only
/// ``queryString`` and ``signature`` expose the secret part.
public struct SASToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// One `name=value` pair of the token (value not percent-encoded).
    public struct Parameter: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    /// Every parameter, `sig` last.
    public let parameters: [Parameter]
    /// The exact text that was signed (contains no secret).
    public let stringToSign: String

    init(parameters: [Parameter], stringToSign: String) {
        self.parameters = parameters
        self.stringToSign = stringToSign
    }

    /// The Base64 signature (`sig`), not percent-encoded.
    public var signature: String { parameters.last { $0.name == "sig" }?.value ?? "" }

    /// The token to append to a URL after `?` (or `&`): each value percent-encoded with `/` kept.
    ///
    /// ```swift
    /// let url = "https://devacct.blob.core.windows.net/mycontainer/file.csv?" + token.queryString
    /// ```
    public var queryString: String {
        parameters.map { $0.name + "=" + PercentEncoding.encode($0.value, safe: "/") }.joined(separator: "&")
    }

    /// ``queryString`` with the signature replaced by `REDACTED`, safe to log.
    public var redactedQueryString: String { SASRedaction.redact(queryString) }

    /// The value of one parameter, if present.
    public subscript(name: String) -> String? { parameters.first { $0.name == name }?.value }

    public var description: String { "SASToken(\(redactedQueryString))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["query": redactedQueryString, "stringToSign": stringToSign], displayStyle: .struct)
    }
}

/// Ordered collection of SAS parameters; absent and `nil` values are skipped.
struct SASParameterList {
    private(set) var items: [SASToken.Parameter] = []

    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        items.append(.init(name: name, value: value))
    }
}
