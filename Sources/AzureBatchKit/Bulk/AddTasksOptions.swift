/// How ``BatchClient/addTasks(_:toJob:options:progress:logger:)`` packs and sends tasks.
public struct AddTasksOptions: Sendable, Hashable {
    /// Add Task Collection requests in flight at once (default 8).
    public var maxConcurrentRequests: Int
    /// Tasks per request; the service allows at most 100.
    public var maxTasksPerRequest: Int
    /// Largest request body sent; the service rejects bodies over 1 MB with `RequestBodyTooLarge`.
    public var maxRequestBytes: Int
    /// How many times one task is resubmitted after a per-task server error before it counts as failed.
    public var maxResubmissions: Int

    public init(
        maxConcurrentRequests: Int = 8, maxTasksPerRequest: Int = 100, maxRequestBytes: Int = 1_000_000,
        maxResubmissions: Int = 5
    ) {
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        self.maxTasksPerRequest = min(100, max(1, maxTasksPerRequest))
        self.maxRequestBytes = max(1024, maxRequestBytes)
        self.maxResubmissions = max(0, maxResubmissions)
    }
}

/// Bulk submission progress: tasks settled (added or failed for good) so far.
public struct AddTasksProgress: Sendable, Hashable {
    public var added: Int
    public var failed: Int
    public var total: Int
    public init(added: Int, failed: Int, total: Int) {
        self.added = added
        self.failed = failed
        self.total = total
    }
}
