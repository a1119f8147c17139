import Foundation

/// Keeps a local run's counts and per-task statuses, yields a progress snapshot on every change, and hands out
/// worker slots (the lowest free one), so a dashboard can show which slot runs which task.
actor LocalRunTracker {
    private(set) var progress: TaskProgress
    private var byID: [String: Int] = [:]
    private var tasks: [LocalTaskStatus]
    private var freeSlots: [Int]
    let continuation: AsyncThrowingStream<TaskProgress, any Error>.Continuation

    init(
        tasks: [TaskSpecification], slots: Int, continuation: AsyncThrowingStream<TaskProgress, any Error>.Continuation
    ) {
        self.progress = TaskProgress(active: tasks.count)
        self.tasks = tasks.map { LocalTaskStatus(taskID: $0.id, commandLine: $0.commandLine) }
        for (index, task) in tasks.enumerated() where byID[task.id] == nil { byID[task.id] = index }
        self.freeSlots = Array((0..<max(1, slots)).reversed())
        self.continuation = continuation
        if !tasks.isEmpty { continuation.yield(progress) }
    }

    var statuses: [LocalTaskStatus] { tasks }

    func started(_ taskID: String) {
        progress.active -= 1
        progress.running += 1
        if let index = byID[taskID] {
            tasks[index].state = .running
            tasks[index].startTime = Date()
            tasks[index].slot = freeSlots.popLast()
        }
        continuation.yield(progress)
    }

    func finished(_ result: LocalTaskResult) {
        progress.running -= 1
        progress.completed += 1
        if result.succeeded { progress.succeeded += 1 } else { progress.failed += 1 }
        if let index = byID[result.taskID] {
            tasks[index].state = .completed
            tasks[index].result = result
            if let slot = tasks[index].slot {
                freeSlots.append(slot)
                freeSlots.sort(by: >)
            }
        }
        continuation.yield(progress)
    }

    /// A task that will never start because a task it depends on blocked it: completed at once, as a failure.
    func blocked(_ result: LocalTaskResult) {
        progress.active -= 1
        progress.completed += 1
        progress.failed += 1
        if let index = byID[result.taskID] {
            tasks[index].state = .completed
            tasks[index].result = result
        }
        continuation.yield(progress)
    }
}
