import AzureKitCore

/// How often ``BatchJobStateSource`` reads each resource. Every read is one request (plus one per further page
/// of 1,000 items), whatever the number of browsers watching.
///
/// With the defaults a job costs about 12 + 6 + 4 + 2 = 24 requests a minute while it runs: task counts every
/// 5 s, the changed tasks every 10 s (only when the counts moved), the nodes every 15 s and the pool every 30 s.
public struct BatchPollingOptions: Sendable, Hashable {
    /// Get Task Counts.
    public var countsInterval: Duration
    /// List Tasks with `$filter` on `stateTransitionTime` and `$select`; skipped while the listed tasks already
    /// add up to the counts.
    public var tasksInterval: Duration
    /// List Nodes with `$select`.
    public var nodesInterval: Duration
    /// Get Pool with `$select` (size, target, autoscale result).
    public var poolInterval: Duration
    /// Tasks that changed this long before the newest change already seen are listed again, so a change the
    /// service records late (or out of order) is not missed.
    public var transitionOverlap: Duration
    /// Items per page (1…1000).
    public var pageSize: Int

    public init(
        countsInterval: Duration = .seconds(5), tasksInterval: Duration = .seconds(10),
        nodesInterval: Duration = .seconds(15), poolInterval: Duration = .seconds(30),
        transitionOverlap: Duration = .seconds(30), pageSize: Int = 1000
    ) {
        self.countsInterval = countsInterval
        self.tasksInterval = tasksInterval
        self.nodesInterval = nodesInterval
        self.poolInterval = poolInterval
        self.transitionOverlap = transitionOverlap
        self.pageSize = max(1, min(1000, pageSize))
    }

    /// Requests a minute for a running job whose task listings return `changedTasks` tasks each (the changes of
    /// one interval plus the overlap) on a pool of `nodes` nodes; each listing costs a request per started page.
    ///
    /// ```swift
    /// BatchPollingOptions().requestsPerMinute(changedTasks: 2_000, nodes: 100)   // 30
    /// ```
    public func requestsPerMinute(changedTasks: Int, nodes: Int) -> Double {
        func perMinute(_ interval: Duration) -> Double { 60 / max(0.001, interval.timeInterval) }
        func pages(_ items: Int) -> Double { Double(max(1, (items + pageSize - 1) / pageSize)) }
        return perMinute(countsInterval) + perMinute(tasksInterval) * pages(changedTasks)
            + perMinute(nodesInterval) * pages(nodes) + perMinute(poolInterval)
    }
}
