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
        let headerCode = response.headers["x-ms-error-code"]?.trimmingCharacters(in: .whitespaces)
        let code = (headerCode ?? fields?.code).flatMap { $0.isEmpty ? nil : ServiceErrorCode(rawValue: $0) }
        let message = Self.scrubSignatures(fields?.message ?? Self.reason(for: response.status))
        let details = (fields?.details ?? [:]).mapValues(Self.scrubSignatures)
        return AzureServiceError(
            status: response.status, code: code, message: message,
            requestID: response.headers["x-ms-request-id"] ?? response.headers["request-id"],
            clientRequestID: response.headers["x-ms-client-request-id"] ?? response.headers["client-request-id"]
                ?? clientRequestID,
            details: details, headers: response.headers, rawBody: response.body, operation: operation)
    }

    /// Storage's `AuthenticationErrorDetail` quotes the request's MAC signature (`…in the HTTP request
    /// 'abc…=' is not the same…`); a signature is replayable for minutes, so it is hidden like any secret.
    static func scrubSignatures(_ text: String) -> String {
        guard text.count >= 40, let regex = signaturePattern else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "'\(Redaction.placeholder)'")
    }

    private static let signaturePattern = try? NSRegularExpression(pattern: "'[A-Za-z0-9+/]{40,}={0,2}'")

    /// Batch: `{"code": "...", "message": {"lang": "...", "value": "..."}, "values": [{"key", "value"}]}`.
    ///
    /// Also reads a plain-string `message`, and the `{"error": {...}}`, `{"odata.error": {...}}` and
    /// `{"errors": [{...}]}` wrappers other Azure endpoints (Entra ID, Container Registry) use.
    public static let batchJSON = ServiceErrorDecoder { body in
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        var object = root
        if let wrapped = (root["error"] ?? root["odata.error"]) as? [String: Any] {
            object = wrapped
        } else if let list = root["errors"] as? [Any], let first = list.first as? [String: Any] {
            object = first
        }
        let code = object["code"] as? String
        var message: String?
        if let text = object["message"] as? String {
            message = text
        } else if let nested = object["message"] as? [String: Any] {
            message = nested["value"] as? String
        } else if let description = root["error_description"] as? String {
            message = description
        }
        var details: [String: String] = [:]
        for item in object["values"] as? [Any] ?? [] {
            guard let pair = item as? [String: Any], let key = pair["key"] as? String else { continue }
            details[key] = pair["value"].map { "\($0)" } ?? ""
        }
        if code == nil, message == nil, details.isEmpty { return nil }
        return Fields(code: code, message: message, details: details)
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
        case 408: return "request timeout"
        case 412: return "precondition failed"
        case 413: return "request entity too large"
        case 416: return "range not satisfiable"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
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
