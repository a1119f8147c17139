import Foundation
import Logging

/// Logs every HTTP attempt through the operation's logger: at `.info` one `HTTP response` line (method, redacted
/// URL, status, duration, attempt, client request id, `x-ms-request-id`), or `HTTP request failed` with the
/// error; at `.debug` (`AZURE_LOG_LEVEL=verbose`) also an `HTTP request` line and the response headers.
///
/// URLs and headers go through ``Redaction`` first (an allow-list), so `Authorization`, SAS signatures, keys and
/// tokens never reach a log handler; bodies are never logged.
public struct LoggingPolicy: HTTPPolicy {
    public let redaction: Redaction

    public init(redaction: Redaction = .default) { self.redaction = redaction }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        let logger = context.logger
        // Nothing below runs when the logger is off: the redaction work is for enabled loggers only.
        guard logger.logLevel <= .info else { return try await next(request, context) }
        let verbose = logger.logLevel <= .debug
        var metadata: Logger.Metadata = [
            "az-method": .string(request.method.rawValue), "az-url": .string(redaction.redact(request.url)),
        ]
        if verbose {
            logger.debug(
                "HTTP request", metadata: metadata.merging(["az-headers": .string(headerText(request.headers))]) { $1 })
        }
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metadata["az-status"] = .stringConvertible(response.status)
            metadata["az-duration-ms"] = .stringConvertible((ContinuousClock.now - start).milliseconds)
            metadata["az-request-id"] = .string(response.serviceRequestID ?? "")
            if verbose { metadata["az-response-headers"] = .string(headerText(response.headers)) }
            logger.info("HTTP response", metadata: metadata)
            return response
        } catch {
            metadata["az-error"] = .string(String(describing: error))
            metadata["az-duration-ms"] = .stringConvertible((ContinuousClock.now - start).milliseconds)
            logger.info("HTTP request failed", metadata: metadata)
            throw error
        }
    }

    private func headerText(_ headers: HTTPHeaders) -> String {
        redaction.redact(headers).map { "\($0.name): \($0.value)" }.joined(separator: "; ")
    }
}
