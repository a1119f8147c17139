/// How often and how patiently a failed attempt is retried.
///
/// ```swift
/// let options = ServiceClientOptions(retry: .init(maxRetries: 5, baseDelay: .milliseconds(500)))
/// ```
public struct RetryOptions: Sendable {
    /// Retries after the first attempt (0 disables retrying).
    public var maxRetries: Int
    /// The delay before the first retry; doubled for each further retry.
    public var baseDelay: Duration
    /// No single wait is longer than this, whatever the backoff or `Retry-After` says.
    public var maxDelay: Duration
    /// Waits between attempts and draws the jitter; tests inject one that records waits instead of sleeping.
    public var clock: AzureClock

    public init(
        maxRetries: Int = 3, baseDelay: Duration = .milliseconds(800), maxDelay: Duration = .seconds(60),
        clock: AzureClock = .continuous
    ) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.clock = clock
    }

    /// No retries at all.
    public static let none = RetryOptions(maxRetries: 0)

    /// The wait before retry number `retry` (1-based) without a server hint: `base × 2^(retry-1)`, scaled by a
    /// jitter factor in 0.8…1.2, capped at ``maxDelay``.
    public func backoff(forRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let raw = baseDelay.timeInterval * Double(1 << exponent) * (0.8 + 0.4 * clock.random())
        return .milliseconds(Int64((min(raw, maxDelay.timeInterval) * 1000).rounded()))
    }
}
