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
    /// Waits between attempts; tests inject a recorder so they never sleep.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Random numbers in `0..<1` for jitter; tests inject a fixed value.
    public var random: @Sendable () -> Double

    public init(
        maxRetries: Int = 3, baseDelay: Duration = .milliseconds(800), maxDelay: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.sleep = sleep
        self.random = random
    }

    /// No retries at all.
    public static let none = RetryOptions(maxRetries: 0)

    /// The wait before retry number `retry` (1-based) without a server hint: `base × 2^(retry-1)`, scaled by a
    /// jitter factor in 0.8…1.2, capped at ``maxDelay``.
    public func backoff(forRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let raw = baseDelay.timeInterval * Double(1 << exponent) * (0.8 + 0.4 * random())
        return .milliseconds(Int64((min(raw, maxDelay.timeInterval) * 1000).rounded()))
    }
}
