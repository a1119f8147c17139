import Foundation

/// Runs a checked task graph on a fixed number of worker slots: a task starts once every task it depends on
/// has completed with a `satisfy` dependency action; when one ends with `block`, everything downstream of it is
/// reported as blocked and never started.
///
/// Batch leaves a blocked task `active` for ever (the job never completes on its own); a local run has to end,
/// so the scheduler completes a blocked task at once as a failure with code ``blockedCode``, naming the task that
/// blocked it in ``LocalTaskResult/blockedBy``.
struct LocalGraphScheduler: Sendable {
    /// The `failureInfo.code` of a task that never ran because a task it depends on blocked it.
    static let blockedCode = "TaskDependencyBlocked"

    var graph: TaskDependencyGraph
    var tasks: [TaskSpecification]
    var slots: Int
    /// `<work>/<job>`: a blocked task's result names the directory it would have had.
    var jobDirectory: URL

    /// Runs every task (or reports it blocked) and returns the results in the order the tasks were given.
    /// - Parameter run: runs one task to its final attempt.
    /// - Throws: `CancellationError` when the run is cancelled.
    func run(tracker: LocalRunTracker, _ run: @escaping @Sendable (TaskSpecification) async -> LocalTaskResult)
        async throws -> [LocalTaskResult]
    {
        var results = [LocalTaskResult?](repeating: nil, count: tasks.count)
        var waiting = graph.prerequisites.map(\.count)
        var ready = MinimumHeap(waiting.indices.filter { waiting[$0] == 0 })
        let tasks = tasks
        // The SDK's one bounded task group: it asks for a ready task whenever a slot is free and after every result,
        // which is when finished tasks may have made others ready.
        try await withBoundedTaskGroup(maxInFlight: max(1, slots)) {
            ready.popMinimum()
        } run: { position in
            let task = tasks[position]
            try Task.checkCancellation()
            await tracker.started(task.id)
            let result = await run(task)
            await tracker.finished(result)
            return (position, result)
        } handle: { (position: Int, result: LocalTaskResult) in
            results[position] = result
            let action = (tasks[position].exitConditions ?? ExitConditions()).dependencyAction(after: result.exit)
            var blocked: [(position: Int, by: Int)] = []
            for dependant in graph.dependants[position] where results[dependant] == nil {
                if action == .satisfy {
                    waiting[dependant] -= 1
                    if waiting[dependant] == 0 { ready.insert(dependant) }
                } else {
                    blocked.append((dependant, position))
                }
            }
            // Everything downstream of a blocked task is blocked too: none of it can ever start.
            while let (dependant, blocker) = blocked.popLast() {
                guard results[dependant] == nil else { continue }
                let result = blockedResult(tasks[dependant], by: tasks[blocker].id)
                results[dependant] = result
                await tracker.blocked(result)
                for next in graph.dependants[dependant] where results[next] == nil {
                    blocked.append((next, dependant))
                }
            }
        }
        let finished = results.compactMap { $0 }
        guard finished.count == tasks.count else { throw CancellationError() }
        return finished
    }

    func blockedResult(_ task: TaskSpecification, by blocker: String) -> LocalTaskResult {
        let now = Date()
        return LocalTaskResult(
            taskID: task.id, result: .failure, exitCode: nil,
            failureInfo: TaskFailureInfo(
                category: .userError, code: Self.blockedCode,
                message:
                    "not run: task '\(blocker)' it depends on did not satisfy its dependants (dependencyAction block)"),
            retryCount: 0, startTime: now, endTime: now, directory: jobDirectory.appendingPathComponent(task.id),
            notApplied: [],
            blockedBy: blocker)
    }
}

extension LocalTaskResult {
    /// How the task ended, in the terms of its exit conditions.
    public var exit: TaskExit {
        if let exitCode { return .exitCode(Int(exitCode)) }
        switch failureInfo?.code {
        case "TaskDirectoryUnavailable", "CommandLineInvalid", "CommandProgramNotFound": return .preProcessingError
        default: return .terminated
        }
    }
}
