import Foundation
import Logging

extension ResourceManagerClient {
    /// Where the result of a finished long-running operation is read (the spec's `final-state-via`).
    public enum FinalState: Sendable {
        /// GET the resource itself (create-or-update).
        case originalURI
        /// Nothing to read (delete: `final-state-via: location`, whose final answer has no body).
        case none
    }

    /// Follows a long-running operation that `initial` started, ARM's way:
    ///
    /// - 200/204: already done, `initial` is the answer;
    /// - 201/202 with `Azure-AsyncOperation`: poll that URL until `status` is `Succeeded` (else `Failed`/`Canceled`
    ///   throw the operation's `error`), then read the final state;
    /// - 201/202 with `Location`: poll it until it stops answering 202;
    ///
    /// waiting what each answer's `Retry-After` asks (the initial one's before the first poll) and the ``poller``'s
    /// backoff otherwise.
    /// - Returns: the resource for ``FinalState/originalURI``, else `nil`.
    /// - Throws: ``AzureServiceError`` for a failed operation or poll, ``AzureClientError`` (`.timedOut`) after the
    ///   poller's timeout, or when a monitor URL points away from the management endpoint.
    @discardableResult
    public func waitForCompletion(
        of initial: HTTPResponse, resourceURL: URL, finalState: FinalState, operation: String,
        logger: Logger = .azureDisabled
    ) async throws -> HTTPResponse? {
        guard initial.status == 201 || initial.status == 202 else { return initial }
        let firstWait = RetryPolicy.serverHint(initial.headers)
        if let asyncOperation = initial.headers["Azure-AsyncOperation"] {
            try await poll(asyncOperation, firstWait: firstWait, operation: operation, logger: logger) { response in
                let status = try Self.decode(OperationStatus.self, from: response, operation: "\(operation) (status)")
                switch status.status.lowercased() {
                case "succeeded": return .done(true)
                case "failed", "canceled", "cancelled":
                    throw Self.error(from: response, operation: "\(operation) (\(status.status))", clientRequestID: nil)
                default: return .pending(retryAfter: RetryPolicy.serverHint(response.headers))
                }
            }
        } else if let location = initial.headers["Location"] {
            try await poll(location, firstWait: firstWait, operation: operation, logger: logger) { response in
                response.status == 202 ? .pending(retryAfter: RetryPolicy.serverHint(response.headers)) : .done(true)
            }
        }
        switch finalState {
        case .originalURI:
            return try await send(.get, url: resourceURL, operation: "\(operation) (result)", logger: logger)
        case .none: return nil
        }
    }

    /// Polls the monitor URL `monitorText` (on the management host) through the ``poller`` until `judge` says an
    /// answer is final, waiting `firstWait` (the initial answer's `Retry-After`) before the first poll.
    private func poll(
        _ monitorText: String, firstWait: Duration?, operation: String, logger: Logger,
        judge: (HTTPResponse) throws -> Poller.PollStep<Bool>
    ) async throws {
        let monitor = try monitorURL(monitorText, purpose: operation)
        var waitedOnce = false
        _ = try await poller.poll(
            "\(operation) to finish",
            steps: { () async throws -> Poller.PollStep<Bool> in
                if !waitedOnce {
                    waitedOnce = true
                    return .pending(retryAfter: firstWait)
                }
                let response = try await send(.get, url: monitor, operation: "\(operation) (status)", logger: logger)
                return try judge(response)
            })
    }

    /// The body of an `Azure-AsyncOperation` monitor.
    struct OperationStatus: Decodable {
        var status: String
    }
}
