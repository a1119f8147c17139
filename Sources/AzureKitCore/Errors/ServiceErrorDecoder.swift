import Foundation

/// Turns a failed response into an ``AzureServiceError``; each service has its own body format.
public struct ServiceErrorDecoder: Sendable {
    /// The fields a body format yields.
    public struct Fields: Sendable, Equatable {
        public var code: String?
        public var message: String?
        public var details: [String: String]
        public init(code: String? = nil, message: String? = nil, details: [String: String] = [:]) {
            self.code = code
            self.message = message
            self.details = details
        }
    }

    private let parseBody: @Sendable (Data) -> Fields?

    public init(parseBody: @escaping @Sendable (Data) -> Fields?) { self.parseBody = parseBody }

    /// Builds the error; garbage or truncated bodies yield an error with the status text, never a crash.
    public func decode(_ response: HTTPResponse, operation: String, clientRequestID: String?) -> AzureServiceError {
        let fields = response.body.isEmpty ? nil : parseBody(response.body)
        let headerCode = response.headers["x-ms-error-code"]
        let code = (headerCode ?? fields?.code).flatMap { $0.isEmpty ? nil : ServiceErrorCode(rawValue: $0) }
        let message = fields?.message ?? Self.reason(for: response.status)
        return AzureServiceError(
            status: response.status, code: code, message: message,
            requestID: response.headers["x-ms-request-id"] ?? response.headers["request-id"],
            clientRequestID: response.headers["x-ms-client-request-id"] ?? response.headers["client-request-id"]
                ?? clientRequestID,
            details: fields?.details ?? [:], headers: response.headers, rawBody: response.body, operation: operation)
    }

    /// Batch: `{"code": "...", "message": {"lang": "...", "value": "..."}, "values": [{"key", "value"}]}`.
    public static let batchJSON = ServiceErrorDecoder { body in
        struct Body: Decodable {
            struct Message: Decodable { var value: String? }
            struct Value: Decodable { var key: String?; var value: String? }
            var code: String?
            var message: Message?
            var values: [Value]?
        }
        guard let decoded = try? JSONDecoder().decode(Body.self, from: body) else { return nil }
        var details: [String: String] = [:]
        for item in decoded.values ?? [] { if let key = item.key { details[key] = item.value ?? "" } }
        return Fields(code: decoded.code, message: decoded.message?.value, details: details)
    }

    /// Storage: `<Error><Code>…</Code><Message>…</Message>…</Error>`; extra elements become details.
    public static let storageXML = ServiceErrorDecoder { body in
        guard let text = String(data: body, encoding: .utf8), let start = text.range(of: "<Error>") else { return nil }
        var fields = Fields()
        var rest = text[start.upperBound...]
        while let open = rest.range(of: "<"), let close = rest[open.upperBound...].range(of: ">") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            if name.hasPrefix("/") || name.hasPrefix("?") || name.hasSuffix("/") || name.isEmpty {
                rest = rest[close.upperBound...]
                continue
            }
            guard let end = rest[close.upperBound...].range(of: "</\(name)>") else { break }
            let value = XMLText.unescape(String(rest[close.upperBound..<end.lowerBound]))
            switch name {
            case "Code": fields.code = value
            case "Message": fields.message = value
            default: fields.details[name] = value
            }
            rest = rest[end.upperBound...]
        }
        return fields.code == nil && fields.message == nil ? nil : fields
    }

    static func reason(for status: Int) -> String {
        switch status {
        case 400: return "bad request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not found"
        case 409: return "conflict"
        case 412: return "precondition failed"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 503: return "service unavailable"
        default: return "HTTP status \(status)"
        }
    }
}

/// Minimal XML text escaping shared by the Storage body readers and writers.
public enum XMLText {
    public static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
