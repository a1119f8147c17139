/// Runs units of work as child tasks with at most `maxInFlight` running at once: the SDK's one bounded task
/// group (bulk task submission, block uploads, ranged downloads, the local runner and ``Swift/Sequence/concurrentMap(maxConcurrent:_:)``
/// are all built on it).
///
/// `next` is asked for work whenever a slot is free, and again after every result, so it can hand out work
/// that earlier results produced (a requeued chunk); it returns `nil` when it has nothing to start now. The
/// group ends when `next` has nothing and nothing is running. `next` and `handle` run in the caller's task,
/// one at a time, so they may use the caller's mutable state; only `run` runs concurrently. The first error
/// thrown by `next`, `run` or `handle` cancels the tasks still running and is rethrown.
///
/// ```swift
/// var pending = chunks[...]
/// try await withBoundedTaskGroup(maxInFlight: 4) {
///     pending.popFirst()
/// } run: { chunk in
///     try await upload(chunk)
/// } handle: { result in
///     report.append(result)
/// }
/// ```
public func withBoundedTaskGroup<Work: Sendable, Result: Sendable>(
    maxInFlight: Int,
    isolation: isolated (any Actor)? = #isolation,
    next: () async throws -> Work?,
    run: @escaping @Sendable (Work) async throws -> Result,
    handle: (Result) async throws -> Void
) async throws {
    let limit = max(1, maxInFlight)
    try await withThrowingTaskGroup(of: Result.self) { group in
        var inFlight = 0
        while true {
            while inFlight < limit, let work = try await next() {
                group.addTask { try await run(work) }
                inFlight += 1
            }
            guard inFlight > 0, let result = try await group.next() else { return }
            inFlight -= 1
            try await handle(result)
        }
    }
}
