import AzureKitCore
import Foundation

/// Holds a dashboard's latest ``JobSnapshot``: one loop reads the source every refresh interval, however many
/// browsers poll, and stops once every task has completed (the state no longer changes).
public actor DashboardStore {
    public let source: any JobStateSource
    let refreshInterval: Duration
    private let now: @Sendable () -> Date
    public private(set) var latest: JobSnapshot?
    /// The last refresh error when no state could be read at all.
    public private(set) var lastError: String?
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var loop: Task<Void, Never>?
    private var stopped = false

    public init(
        source: any JobStateSource, refreshInterval: Duration = .seconds(2),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.refreshInterval = refreshInterval
        self.now = now
    }

    /// Starts the refresh loop (once).
    public func start() {
        guard loop == nil else { return }
        loop = Task { [weak self] in
            while !Task.isCancelled {
                guard let self, await !self.refresh() else { return }
                try? await Task.sleep(for: self.refreshInterval)
            }
        }
    }

    /// Stops the refresh loop and releases anyone waiting for completion.
    public func stop() {
        stopped = true
        loop?.cancel()
        loop = nil
        resumeWaiters()
    }

    /// Reads the source once; returns whether every task has completed.
    @discardableResult
    public func refresh() async -> Bool {
        do {
            let state = try await source.refresh()
            latest = state
            lastError = nil
            if state.isComplete { resumeWaiters() }
            return state.isComplete
        } catch {
            lastError = Redaction.default.redactURLs(in: String(describing: error))
            return false
        }
    }

    /// The view of the latest state (`nil` before the first successful read).
    public func view() -> DashboardView? { latest.map { DashboardView(state: $0, now: now()) } }

    /// Returns once every task has completed (or the store is stopped).
    public func waitUntilComplete() async {
        if latest?.isComplete == true || stopped { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func resumeWaiters() {
        let pending = waiters
        waiters = []
        for waiter in pending { waiter.resume() }
    }
}
