import Foundation

/// A non-success answer from an Azure service.
///
/// Carries everything needed to program against the failure (``status``, ``code``) and to report it
/// (``message``, request ids, the raw body). Headers are kept redacted.
///
/// ```swift
/// do { try await batch.createPool(pool) }
/// catch let error as AzureServiceError where error.code == .poolExists { /* fine */ }
/// ```
public struct AzureServiceError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public let status: Int
    /// The service's error code, when the body or `x-ms-error-code` header had one.
    public let code: ServiceErrorCode?
    /// The service's message, or a short description of the status when the body had none.
    public let message: String
    /// The service-side request id (`x-ms-request-id` / `request-id`), to quote in a support case.
    public let requestID: String?
    /// The client request id sent with the operation (kept across retries).
    public let clientRequestID: String?
    /// Extra key/value details (Batch `values`, Storage `AuthenticationErrorDetail`, …).
    public let details: [String: String]
    /// Response headers, with secret-bearing values redacted.
    public let headers: HTTPHeaders
    /// The raw response body, as received.
    public let rawBody: Data
    /// The operation that failed, e.g. `Pools_Create`.
    public let operation: String

    public init(
        status: Int, code: ServiceErrorCode?, message: String, requestID: String?, clientRequestID: String?,
        details: [String: String] = [:], headers: HTTPHeaders = [:], rawBody: Data = Data(), operation: String = ""
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.clientRequestID = clientRequestID
        self.details = details
        self.headers = Redaction.default.redact(headers)
        self.rawBody = rawBody
        self.operation = operation
    }

    public var description: String {
        var text = operation.isEmpty ? "" : "\(operation) failed: "
        text += "HTTP \(status)"
        if let code { text += " \(code.rawValue)" }
        text += ": \(message.split(separator: "\n").first.map(String.init) ?? message)"
        if let requestID { text += " (request id \(requestID))" }
        return text
    }
}
