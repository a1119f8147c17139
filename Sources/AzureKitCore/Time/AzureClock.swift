/// The time source of everything in the SDK that waits: retry backoff (``RetryOptions``), polling
/// (``Poller``), progress sequences. One shape, so a test injects one virtual clock and nothing sleeps.
///
/// ```swift
/// // a clock that never sleeps and always jitters to the middle
/// let immediate = AzureClock(sleep: { _ in }, random: { 0.5 })
/// let options = ServiceClientOptions(retry: RetryOptions(maxRetries: 5, clock: immediate))
/// ```
public struct AzureClock: Sendable {
    /// Time since an arbitrary fixed start (monotonic); only differences are meaningful.
    public var now: @Sendable () -> Duration
    /// Waits for the duration; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Random numbers in `0..<1`, for jitter.
    public var random: @Sendable () -> Double

    /// Each part defaults to the real one: the continuous clock, `Task.sleep`, the system random generator.
    public init(
        now: @escaping @Sendable () -> Duration = AzureClock.continuousNow,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// The real clock: monotonic time, `Task.sleep`, system randomness.
    public static var continuous: AzureClock { AzureClock() }

    /// Monotonic time since the first use of a clock in this process.
    public static let continuousNow: @Sendable () -> Duration = {
        AzureClock.processStart.duration(to: ContinuousClock.now)
    }

    private static let processStart = ContinuousClock.now
}
