import AzureKitCore

/// Batch's error JSON (`BatchError`): a stable code, a message, and optional key/value details.
public struct BatchErrorBody: Codable, Hashable, Sendable, CustomStringConvertible {
    public var code: String?
    public var message: ErrorMessage?
    public var values: [ErrorDetail]?

    public init(code: String? = nil, message: String? = nil, values: [ErrorDetail]? = nil) {
        self.code = code
        self.message = message.map { ErrorMessage(lang: "en-US", value: $0) }
        self.values = values
    }

    /// The code as a comparable value (`.taskExists`, `.serverBusy`).
    public var errorCode: ServiceErrorCode? { code.map { ServiceErrorCode(rawValue: $0) } }

    /// The first line of the message (the service appends `RequestId:` and `Time:` lines).
    public var summary: String {
        guard let text = message?.value else { return code ?? "unknown error" }
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    public var description: String { "\(code ?? "error"): \(summary)" }

    public struct ErrorMessage: Codable, Hashable, Sendable {
        public var lang: String?
        public var value: String?
        public init(lang: String? = nil, value: String?) {
            self.lang = lang
            self.value = value
        }
    }

    public struct ErrorDetail: Codable, Hashable, Sendable {
        public var key: String?
        public var value: String?
        public init(key: String?, value: String?) {
            self.key = key
            self.value = value
        }
    }
}

/// A name/value pair (autoscale and resize errors use `name` rather than `key`).
public struct NameValuePair: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?
    public init(name: String?, value: String?) {
        self.name = name
        self.value = value
    }
}
