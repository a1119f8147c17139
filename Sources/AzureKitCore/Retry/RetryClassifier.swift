/// Decides whether a failed attempt is worth retrying. Services differ (Storage does not retry 429 and retries
/// most 5xx; AzureBlobKit defines `RetryClassifier.storage`), so each service profile names its own.
///
/// Failures below HTTP follow azure-core: a request that never reached the service (connection refused, DNS,
/// connect timeout) is retried whatever its method; one that may have reached it (the connection dropped
/// before or during the response, a read-idle timeout) is retried only when sending it twice is harmless,
/// i.e. ``HTTPRequest/isIdempotent`` (`GET`, `HEAD`, `PUT`, `DELETE`, or a `POST` the SDK marks, such as Add
/// Task Collection).
public struct RetryClassifier: Sendable {
    /// What an attempt produced.
    public enum Outcome: Sendable {
        case response(HTTPResponse)
        case error(any Error)
    }

    private let decide: @Sendable (HTTPRequest, Outcome) -> Bool

    public init(_ decide: @escaping @Sendable (HTTPRequest, Outcome) -> Bool) { self.decide = decide }

    /// Whether the attempt should be retried.
    public func shouldRetry(_ request: HTTPRequest, _ outcome: Outcome) -> Bool { decide(request, outcome) }

    /// azure-core's rule, used by Batch, Container Registry, Resource Manager and Entra ID: 408, 429, 500, 502, 503,
    /// 504 and transport failures.
    public static let standard = RetryClassifier { request, outcome in
        switch outcome {
        case .response(let response): return [408, 429, 500, 502, 503, 504].contains(response.status)
        case .error(let error): return isRetryableTransportFailure(error, of: request)
        }
    }

    /// A failure below HTTP after which `request` may be sent again: any method when the request never reached
    /// the service, only idempotent ones when it may have.
    public static func isRetryableTransportFailure(_ error: any Error, of request: HTTPRequest) -> Bool {
        guard isTransportFailure(error), let failure = error as? TransportError else { return false }
        return !failure.mayHaveReachedService || request.isIdempotent
    }

    /// A failure below HTTP; cancellation is never retried.
    public static func isTransportFailure(_ error: any Error) -> Bool {
        if error is CancellationError { return false }
        return error is TransportError
    }
}
