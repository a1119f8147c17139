import Foundation
import Logging

/// Re-runs the per-attempt part of the pipeline (date, authentication, logging, transport) while the
/// service's ``RetryClassifier`` says the failure is transient.
///
/// Waits follow `Retry-After` / `x-ms-retry-after-ms` / `retry-after-ms` when the service sends them, and
/// exponential backoff with jitter otherwise, never longer than ``RetryOptions/maxDelay``. A body that cannot
/// be replayed is never retried: a transient failure of such a request ends in ``AzureClientError`` with kind
/// `.bodyNotReplayable` naming the cause. Task cancellation stops the loop at once.
public struct RetryPolicy: HTTPPolicy {
    public let options: RetryOptions

    public init(options: RetryOptions) { self.options = options }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var context = context
        var attempt = 1
        while true {
            try Task.checkCancellation()
            context.attempt = attempt
            context.logger[metadataKey: "az-attempt"] = .stringConvertible(attempt)
            AzureOperation.current?.recordAttempt(retry: attempt > 1)
            let outcome: RetryClassifier.Outcome
            do {
                outcome = .response(try await next(request, context))
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                outcome = .error(error)
            }
            let retryable = context.profile.retry.shouldRetry(request, outcome)
            guard retryable, attempt <= options.maxRetries, request.body.isReplayable else {
                if retryable, attempt > 1 {
                    context.logger.warning(
                        "giving up after \(attempt) attempts", metadata: ["az-outcome": .string(Self.reason(outcome))])
                }
                switch outcome {
                case .response(var response):
                    response.attempts = attempt
                    return response
                case .error(let error) where retryable && attempt <= options.maxRetries:
                    // The failure was transient, but a one-shot body has been consumed: say why it is final.
                    throw AzureClientError(
                        .bodyNotReplayable,
                        "\(context.operation) failed (\(error)) and would be retried, but its body is a one-shot stream that cannot be sent again; send a file, Data or HTTPBody.stream(length:_:) to make it retryable"
                    )
                case .error(let error): throw error
                }
            }
            let delay = waitTime(after: outcome, retry: attempt)
            let hinted = Self.serverHint(outcome) != nil
            let reason = Self.reason(outcome)
            // A server-requested wait (Retry-After on 429/503) is throttling: say so, it explains slow runs.
            context.logger.info(
                hinted ? "throttled; waiting as the service asked" : "retrying",
                metadata: [
                    "az-retry-reason": .string(reason), "az-delay-ms": .stringConvertible(delay.milliseconds),
                    "az-next-attempt": .stringConvertible(attempt + 1),
                ])
            AzureMetrics.recordRetry(
                service: context.profile.module, operation: context.operation,
                reason: hinted ? "throttled" : reason)
            try await options.clock.sleep(delay)
            attempt += 1
        }
    }

    /// Why an attempt is retried, low-cardinality: the status code or the error type.
    static func reason(_ outcome: RetryClassifier.Outcome) -> String {
        switch outcome {
        case .response(let response): return String(response.status)
        case .error(let error): return TracingAttribute.errorType(of: error)
        }
    }

    static func serverHint(_ outcome: RetryClassifier.Outcome) -> Duration? {
        guard case .response(let response) = outcome else { return nil }
        return serverHint(response.headers)
    }

    /// The wait before retry number `retry`: the server's hint when present, else backoff; capped.
    public func waitTime(after outcome: RetryClassifier.Outcome, retry: Int) -> Duration {
        if case .response(let response) = outcome, let hint = Self.serverHint(response.headers) {
            return min(hint, options.maxDelay)
        }
        return options.backoff(forRetry: retry)
    }

    /// `x-ms-retry-after-ms`, `retry-after-ms`, then `Retry-After` (seconds or an HTTP date).
    public static func serverHint(_ headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        for name in ["x-ms-retry-after-ms", "retry-after-ms"] {
            if let text = headers[name], let ms = Double(text.trimmingCharacters(in: .whitespaces)), ms >= 0 {
                return .milliseconds(Int64(ms))
            }
        }
        guard let text = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        if let date = HTTPDate.parse(text) { return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000)) }
        return nil
    }
}

extension Duration {
    /// Whole milliseconds.
    public var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
