import Foundation
import Tracing

/// Wraps each HTTP attempt in a client span, child of the operation's span (``AzureOperation``), and propagates
/// the trace context on the request: the bootstrapped tracer writes its headers (W3C `traceparent` and
/// `tracestate` with swift-otel). Without a tracer this adds nothing to the request.
///
/// Attributes: `http.request.method`, `url.full` (redacted), `server.address`, `server.port`, `az.namespace`,
/// `az.client_request_id`, `http.request.resend_count` (from the second attempt), `http.response.status_code`,
/// `az.service_request_id`, and `error.type` with an error status for 4xx/5xx answers and thrown errors.
public struct TracingPolicy: HTTPPolicy {
    public let redaction: Redaction

    public init(redaction: Redaction = .default) { self.redaction = redaction }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        try await withSpan(request.method.rawValue, ofKind: .client) { span in
            var request = request
            InstrumentationSystem.instrument.inject(span.context, into: &request.headers, using: HTTPHeadersInjector())
            guard span.isRecording else { return try await next(request, context) }
            span.updateAttributes { attributes in
                attributes[TracingAttribute.requestMethod] = request.method.rawValue
                attributes[TracingAttribute.urlFull] = redaction.redact(request.url)
                if let host = request.url.host { attributes[TracingAttribute.serverAddress] = host }
                if let port = request.url.port ?? Self.defaultPort(request.url.scheme) {
                    attributes[TracingAttribute.serverPort] = port
                }
                attributes[TracingAttribute.namespace] = context.profile.azureNamespace
                if let id = context.clientRequestID { attributes[TracingAttribute.clientRequestID] = id }
                if context.attempt > 1 { attributes[TracingAttribute.resendCount] = context.attempt - 1 }
            }
            let response: HTTPResponse
            do {
                response = try await next(request, context)
            } catch {
                span.attributes[TracingAttribute.errorType] = TracingAttribute.errorType(of: error)
                throw error
            }
            span.attributes[TracingAttribute.responseStatusCode] = response.status
            if let id = response.serviceRequestID { span.attributes[TracingAttribute.serviceRequestID] = id }
            if response.status >= 400 {
                span.attributes[TracingAttribute.errorType] = String(response.status)
                span.setStatus(SpanStatus(code: .error))
            }
            return response
        }
    }

    static func defaultPort(_ scheme: String?) -> Int? {
        switch scheme?.lowercased() {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }
}

/// Writes trace-context fields into request headers.
public struct HTTPHeadersInjector: Injector {
    public init() {}

    public func inject(_ value: String, forKey key: String, into headers: inout HTTPHeaders) {
        headers[key] = value
    }
}

extension HTTPResponse {
    /// The service's request id: `x-ms-request-id` (Storage, Batch) or `request-id`.
    public var serviceRequestID: String? { headers["x-ms-request-id"] ?? headers["request-id"] }
}
