import Foundation
import Logging

/// Logs each attempt's request line and the response status and duration, through the caller's logger.
///
/// URLs and headers go through ``Redaction`` first, so `Authorization`, SAS signatures, keys and tokens never
/// reach a log handler.
public struct LoggingPolicy: HTTPPolicy {
    public let redaction: Redaction

    public init(redaction: Redaction = .default) { self.redaction = redaction }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse {
        let logger = context.logger
        let url = redaction.redact(request.url)
        logger.debug("request", metadata: [
            "az-method": .string(request.method.rawValue), "az-url": .string(url),
            "az-headers": .string(redaction.redact(request.headers).map { "\($0.name): \($0.value)" }.joined(separator: "; ")),
        ])
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            let elapsed = ContinuousClock.now - start
            logger.debug("response", metadata: [
                "az-status": .stringConvertible(response.status),
                "az-duration-ms": .stringConvertible(elapsed.milliseconds),
                "az-request-id": .string(response.headers["x-ms-request-id"] ?? response.headers["request-id"] ?? ""),
            ])
            return response
        } catch {
            let elapsed = ContinuousClock.now - start
            logger.debug("request failed", metadata: [
                "az-error": .string(String(describing: error)),
                "az-duration-ms": .stringConvertible(elapsed.milliseconds),
            ])
            throw error
        }
    }
}
