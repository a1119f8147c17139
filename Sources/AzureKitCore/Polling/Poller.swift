import Foundation

/// Polls until a condition holds: the wait starts at ``minInterval``, grows by ``growth`` each round up to
/// ``maxInterval``, and is jittered by ±20 % so many pollers do not wake in lockstep. Cancellation stops it
/// at once; an optional ``timeout`` ends it with an ``AzureClientError`` (`.timedOut`).
///
/// ```swift
/// let job = try await Poller(minInterval: .seconds(2), maxInterval: .seconds(30), timeout: .seconds(3600))
///     .poll("job 'airline-2008' to complete") {
///         let job = try await batch.job("airline-2008")
///         return job.state == .completed ? job : nil
///     }
/// ```
public struct Poller: Sendable {
    public var minInterval: Duration
    public var maxInterval: Duration
    /// How much the wait grows after each unsuccessful round (1 keeps it at ``minInterval``).
    public var growth: Double
    /// Give up after this long; `nil` polls until cancelled.
    public var timeout: Duration?
    /// Measures the timeout, waits between rounds and draws the jitter; tests inject one that never sleeps.
    public var clock: AzureClock

    public init(
        minInterval: Duration = .seconds(1), maxInterval: Duration = .seconds(30), growth: Double = 1.5,
        timeout: Duration? = nil, clock: AzureClock = .continuous
    ) {
        self.minInterval = min(minInterval, maxInterval)
        self.maxInterval = max(minInterval, maxInterval)
        self.growth = max(1, growth)
        self.timeout = timeout
        self.clock = clock
    }

    /// The wait after unsuccessful round `round` (1-based), jittered and kept within min…max.
    public func interval(afterRound round: Int) -> Duration {
        let base = minInterval.timeInterval * pow(growth, Double(min(max(round - 1, 0), 64)))
        let jittered = min(base, maxInterval.timeInterval) * (0.8 + 0.4 * clock.random())
        let clamped = min(max(jittered, minInterval.timeInterval), maxInterval.timeInterval)
        return .milliseconds(Int64((clamped * 1000).rounded()))
    }

    /// Calls `check` until it returns a value.
    /// - Parameter what: what is awaited, for the timeout message (e.g. "job 'j1' to complete").
    /// - Throws: `CancellationError` when the task is cancelled, ``AzureClientError`` (`.timedOut`) after
    ///   ``timeout``, or whatever `check` throws.
    public func poll<T: Sendable>(_ what: String, _ check: () async throws -> T?) async throws -> T {
        try await poll(
            what,
            steps: { () async throws -> PollStep<T> in
                if let value = try await check() { return .done(value) }
                return .pending(retryAfter: nil)
            })
    }

    /// One round's answer when the service says how long to wait (ARM's `Retry-After` on an operation status).
    public enum PollStep<T: Sendable>: Sendable {
        case done(T)
        /// Not yet; `retryAfter` (clamped to min…max) replaces the backoff for this round when present.
        case pending(retryAfter: Duration?)
    }

    /// Calls `check` until it is done, waiting what the service asked for when it says so.
    public func poll<T: Sendable>(_ what: String, steps check: () async throws -> PollStep<T>) async throws -> T {
        let deadline = timeout.map { clock.now() + $0 }
        var round = 1
        while true {
            try Task.checkCancellation()
            let step = try await check()
            var wait: Duration
            switch step {
            case .done(let value): return value
            case .pending(let hint?): wait = min(max(hint, minInterval), maxInterval)
            case .pending(nil): wait = interval(afterRound: round)
            }
            if let deadline {
                let left = deadline - clock.now()
                guard left > .zero else {
                    throw AzureClientError(
                        .timedOut, "gave up waiting for \(what) after \(timeout.map { "\($0)" } ?? "")")
                }
                wait = min(wait, left)
            }
            try await clock.sleep(wait)
            round += 1
        }
    }
}
