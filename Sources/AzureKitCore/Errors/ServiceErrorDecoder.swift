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
        let message = Redaction.redactQuotedSignatures(in: fields?.message ?? Self.reason(for: response.status))
        let details = (fields?.details ?? [:]).mapValues(Redaction.redactQuotedSignatures(in:))
        return AzureServiceError(
            status: response.status, code: code, message: message,
            requestID: response.headers["x-ms-request-id"] ?? response.headers["request-id"],
            clientRequestID: response.headers["x-ms-client-request-id"] ?? response.headers["client-request-id"]
                ?? clientRequestID,
            details: details, headers: response.headers, rawBody: response.body, operation: operation)
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
