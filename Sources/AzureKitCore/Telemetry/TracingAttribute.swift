/// Span attribute names, as the Azure SDK tracing conventions and the OpenTelemetry HTTP semantic conventions
/// spell them, so a collector's dashboards for other Azure SDKs work unchanged.
public enum TracingAttribute {
    /// `Microsoft.Batch`, `Microsoft.Storage`, `Microsoft.ContainerRegistry`.
    public static let namespace = "az.namespace"
    /// The service's `x-ms-request-id` (or `request-id`): quote it in a support case.
    public static let serviceRequestID = "az.service_request_id"
    /// The id the SDK sent for the logical request, kept across attempts.
    public static let clientRequestID = "az.client_request_id"
    /// Retries of the whole operation so far (SDK-specific; attempts carry `http.request.resend_count`).
    public static let retryCount = "az.retry_count"
    public static let requestMethod = "http.request.method"
    /// Redacted with the client's ``Redaction``: never a SAS signature.
    public static let urlFull = "url.full"
    public static let serverAddress = "server.address"
    public static let serverPort = "server.port"
    public static let responseStatusCode = "http.response.status_code"
    /// 1 for the first retry of a request, 2 for the second, … (absent on the first attempt).
    public static let resendCount = "http.request.resend_count"
    /// The status code as text for HTTP errors, the error's type or service code otherwise.
    public static let errorType = "error.type"

    /// A low-cardinality name for `error`: the service error code, the client error kind, or the type name.
    public static func errorType(of error: any Error) -> String {
        switch error {
        case let error as AzureServiceError: return error.code?.rawValue ?? String(error.status)
        case let error as AzureClientError: return error.kind.rawValue
        case let error as TransportError: return error.kind.rawValue
        default: return String(describing: type(of: error))
        }
    }
}
