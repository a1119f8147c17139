/// A job's tasks and what each waits for, checked as Batch checks them, so a graph is known to be valid (and to
/// finish) before it runs locally or is sent.
///
/// Dependencies follow Batch's rules: `dependsOn.taskIds` name tasks (ignoring case, as Batch compares ids), and
/// `dependsOn.taskIdRanges` select every task whose id is an integer in the inclusive range (`1`…`10` selects `3`
/// and `007`, not `5a`). Unlike Batch, which lets a task wait for tasks added later, the graph knows every task,
/// so a name or a range that matches none is an error here rather than a task that waits forever. Tasks whose ids
/// differ only by leading zeros (`4`, `04`) are each waited for; Batch lets the first to complete stand for all.
///
/// ```swift
/// let graph = try TaskDependencyGraph(tasks: tasks, usesTaskDependencies: true)
/// print(graph.prerequisites(of: "merge"))        // ["1", "2", "3"]
/// ```
public struct TaskDependencyGraph: Sendable {
    /// Batch's limit on the combined length of one task's `dependsOn.taskIds` (`TaskDependencyListTooLong`).
    public static let maxTaskIDCharacters = 64_000

    /// The task ids, in the order given.
    public let taskIDs: [String]
    /// For each task (by position), the positions of the tasks it waits for: ascending, without repeats.
    public let prerequisites: [[Int]]
    /// For each task (by position), the positions of the tasks that wait for it: ascending.
    public let dependants: [[Int]]
    /// Positions in an order where every task comes after all of its prerequisites (stable: ties keep the
    /// given order).
    public let order: [Int]

    /// Whether any task waits for another.
    public var hasDependencies: Bool { prerequisites.contains { !$0.isEmpty } }

    /// Checks `tasks` and builds the graph.
    /// - Parameter usesTaskDependencies: the job's setting; Batch refuses tasks with dependencies (or with a
    ///   `dependencyAction`) on a job without it.
    /// - Throws: ``TaskDependencyError`` naming the task and the id or range that is wrong.
    public init(tasks: [TaskSpecification], usesTaskDependencies: Bool) throws(TaskDependencyError) {
        var positionByKey: [String: Int] = [:]
        var positionsByNumber: [(number: Int, position: Int)] = []
        for (position, task) in tasks.enumerated() {
            let key = task.id.lowercased()
            if let first = positionByKey[key] {
                throw TaskDependencyError(
                    .duplicateTaskID, taskIDs: [tasks[first].id, task.id],
                    message: "tasks '\(tasks[first].id)' and '\(task.id)' have the same id (Batch ignores case)")
            }
            positionByKey[key] = position
            if let number = Self.integerValue(of: task.id) { positionsByNumber.append((number, position)) }
        }
        positionsByNumber.sort { ($0.number, $0.position) < ($1.number, $1.position) }

        var prerequisites: [[Int]] = []
        prerequisites.reserveCapacity(tasks.count)
        for task in tasks {
            let ids = task.dependsOn?.taskIds ?? []
            let ranges = task.dependsOn?.taskIdRanges ?? []
            let declaresAction = Self.declaresDependencyAction(task.exitConditions)
            guard usesTaskDependencies || (ids.isEmpty && ranges.isEmpty && !declaresAction) else {
                throw TaskDependencyError(
                    .notSpecifiedOnJob, taskIDs: [task.id],
                    message:
                        "task '\(task.id)' has \(declaresAction && ids.isEmpty && ranges.isEmpty ? "a dependencyAction" : "dependsOn") but the job's usesTaskDependencies is not true"
                )
            }
            let characters = ids.reduce(0) { $0 + $1.count }
            guard characters <= Self.maxTaskIDCharacters else {
                throw TaskDependencyError(
                    .listTooLong, taskIDs: [task.id],
                    message:
                        "task '\(task.id)' depends on \(ids.count) task ids totalling \(characters) characters, over Batch's \(Self.maxTaskIDCharacters); use task id ranges"
                )
            }
            var waitsFor = Set<Int>()
            for id in ids {
                guard let position = positionByKey[id.lowercased()] else {
                    throw TaskDependencyError(
                        .unknownTask, taskIDs: [task.id],
                        message: "task '\(task.id)' depends on '\(id)', which is not a task of the job")
                }
                waitsFor.insert(position)
            }
            for range in ranges {
                guard range.start <= range.end else {
                    throw TaskDependencyError(
                        .invalidRange, taskIDs: [task.id],
                        message:
                            "task '\(task.id)' depends on task id range \(range.start)-\(range.end), whose start is after its end"
                    )
                }
                let first = positionsByNumber.partitioningIndex { $0.number >= range.start }
                var index = first
                while index < positionsByNumber.count, positionsByNumber[index].number <= range.end {
                    waitsFor.insert(positionsByNumber[index].position)
                    index += 1
                }
                guard index > first else {
                    throw TaskDependencyError(
                        .invalidRange, taskIDs: [task.id],
                        message:
                            "task '\(task.id)' depends on task id range \(range.start)-\(range.end), which selects no task of the job (only tasks with integer ids are in ranges)"
                    )
                }
            }
            prerequisites.append(waitsFor.sorted())
        }

        var dependants = [[Int]](repeating: [], count: tasks.count)
        for (position, waitsFor) in prerequisites.enumerated() {
            for prerequisite in waitsFor { dependants[prerequisite].append(position) }
        }
        let ids = tasks.map(\.id)
        self.taskIDs = ids
        self.prerequisites = prerequisites
        self.dependants = dependants
        self.order = try Self.topologicalOrder(prerequisites: prerequisites, dependants: dependants, ids: ids)
    }

    /// The ids of the tasks `taskID` waits for, in the order given (empty for an unknown id).
    public func prerequisites(of taskID: String) -> [String] {
        guard let position = taskIDs.firstIndex(where: { $0.lowercased() == taskID.lowercased() }) else { return [] }
        return prerequisites[position].map { taskIDs[$0] }
    }

    /// Kahn's algorithm, taking the lowest ready position first; what is left over lies on or behind a cycle,
    /// which is then traced for the error.
    static func topologicalOrder(prerequisites: [[Int]], dependants: [[Int]], ids: [String]) throws(TaskDependencyError)
        -> [Int]
    {
        var waiting = prerequisites.map(\.count)
        var ready = MinimumHeap(waiting.indices.filter { waiting[$0] == 0 })
        var order: [Int] = []
        order.reserveCapacity(ids.count)
        while let next = ready.popMinimum() {
            order.append(next)
            for dependant in dependants[next] {
                waiting[dependant] -= 1
                if waiting[dependant] == 0 { ready.insert(dependant) }
            }
        }
        guard order.count < ids.count else { return order }
        // Walk prerequisites that still wait from any stuck task until a task repeats: that stretch is a cycle.
        var path: [Int] = []
        var seenAt: [Int: Int] = [:]
        var current = waiting.indices.first { waiting[$0] > 0 } ?? 0
        while seenAt[current] == nil {
            seenAt[current] = path.count
            path.append(current)
            current = prerequisites[current].first { waiting[$0] > 0 } ?? current
        }
        let cycle = path[(seenAt[current] ?? 0)...].map { ids[$0] }
        throw TaskDependencyError(
            .cycle, taskIDs: Array(cycle),
            message: "tasks wait for each other in a circle: " + (cycle + [cycle[0]]).joined(separator: " → ")
                + " (each waits for the next)")
    }

    /// The integer a task id stands for in a range: decimal digits only, leading zeros ignored.
    public static func integerValue(of taskID: String) -> Int? {
        guard !taskID.isEmpty, taskID.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(taskID)
    }

    static func declaresDependencyAction(_ conditions: ExitConditions?) -> Bool {
        guard let conditions else { return false }
        let options =
            (conditions.exitCodes ?? []).map(\.exitOptions) + (conditions.exitCodeRanges ?? []).map(\.exitOptions)
            + [conditions.preProcessingError, conditions.fileUploadError, conditions.default].compactMap { $0 }
        return options.contains { $0.dependencyAction != nil }
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, in an array where all such elements come last.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
