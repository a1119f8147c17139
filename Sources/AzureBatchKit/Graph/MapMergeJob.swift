/// A scale-out job as a Batch task graph: one map task per input split, and one merge task that runs only after
/// every map task succeeded.
///
/// Batch itself is the scheduler: the job has `usesTaskDependencies`, the merge task `dependsOn` the map tasks
/// (as task id ranges: the map tasks are numbered `1`…`N`, zero-padded to one width), and each map task's exit
/// conditions say `block` for any failure, so a map task that fails for good (after its `maxTaskRetryCount`
/// retries) leaves the merge task waiting instead of merging an incomplete set of partial results. Tell the merge
/// how many partials to expect (``MergeTaskContext/expectedPartials``) so it also refuses a stale or missing one.
///
/// The caller builds each task with the usual DSL from a context that carries the id the graph gave it; the job
/// adds what the graph needs (id check, retries, exit conditions, dependencies) and checks the whole graph with
/// ``TaskDependencyGraph``. The same tasks run on Azure Batch (``BatchClient/addTasks(_:toJob:options:progress:logger:)``)
/// and locally (``LocalBatchRunner``, which honours the dependencies).
///
/// ```swift
/// let splits = try EvenByteRangePlanner().splits(of: inputs, targetBytesPerTask: 256 << 20, nodes: 4)
/// let graph = try MapMergeJob(job: JobSpecification(id: "airlines-all", pool: "airlines"), splits: splits) { map in
///     TaskSpecification(id: map.taskID, command: ["AirlineAnalytics", "map", "--input", url(map.split.input),
///                                                 "--range", "\(map.split.range!.lowerBound)-\(map.split.range!.upperBound)",
///                                                 "--partial-output", partialURL(map.taskID)]) {
///         Container(image: image)
///     }
/// } merge: { merge in
///     TaskSpecification(id: merge.taskID, command: ["AirlineAnalytics", "merge", "--partials", partialPrefix,
///                                                   "--output", outputURL, "--expect", "\(merge.expectedPartials)"]) {
///         Container(image: image)
///     }
/// }
/// try await batch.createJob(graph.job)
/// try await batch.addTasks(graph.tasks, toJob: graph.job.id)
/// try await batch.updateJob(graph.job.id, graph.completion)
/// ```
public struct MapMergeJob: Sendable {
    /// The merge task's id: not a number, so no task id range ever selects it.
    public static let mergeTaskID = "merge"

    /// The job, with `usesTaskDependencies` set.
    public var job: JobSpecification
    /// What each map task reads, in task order.
    public var splits: [MapSplit]
    /// One task per split, ids `1`…`N` (zero-padded).
    public var mapTasks: [TaskSpecification]
    /// Depends on every map task.
    public var mergeTask: TaskSpecification
    /// Every task: the map tasks, then the merge task.
    public var tasks: [TaskSpecification] { mapTasks + [mergeTask] }

    /// Ends the job once every task is complete; apply it with ``BatchClient/updateJob(_:_:conditions:logger:)``
    /// after the tasks are added (a job with no tasks yet would end at once). A merge task blocked by a failed map
    /// task never completes, so such a job stays active until it is terminated.
    public var completion: JobUpdate {
        var update = JobUpdate()
        update.onAllTasksComplete = .terminateJob
        return update
    }

    /// The id of map task `index` (0-based) of `count`: `index + 1`, zero-padded to the width of `count`.
    public static func mapTaskID(_ index: Int, of count: Int) -> String {
        let number = String(index + 1)
        return String(repeating: "0", count: max(0, String(count).count - number.count)) + number
    }

    /// Builds the graph.
    /// - Parameters:
    ///   - job: the job to run in; `usesTaskDependencies` is turned on.
    ///   - splits: what each map task reads (see ``EvenByteRangePlanner``); at least one.
    ///   - mapRetries: `maxTaskRetryCount` of a map task that does not set its own (Batch retries a failed task
    ///     this many times before its failure blocks the merge).
    ///   - mergeRetries: `maxTaskRetryCount` of the merge task, if it does not set its own.
    ///   - map: builds map task `context.taskID` for `context.split`.
    ///   - merge: builds the merge task.
    /// - Throws: ``AzureClientError`` when there are no splits, a task comes back with another id or its own
    ///   `dependsOn`, or the graph is invalid.
    public init(
        job: JobSpecification, splits: [MapSplit], mapRetries: Int = 3, mergeRetries: Int = 1,
        map: (MapTaskContext) throws -> TaskSpecification,
        merge: (MergeTaskContext) throws -> TaskSpecification
    ) throws {
        guard !splits.isEmpty else { throw AzureClientError(.noInputs, "a map/merge job needs at least one split") }
        guard mapRetries >= -1, mergeRetries >= -1 else {
            throw AzureClientError(
                .invalidArgument, "retry counts are -1 (unlimited) or more, not \(mapRetries) and \(mergeRetries)")
        }
        var job = job
        job.usesTaskDependencies = true
        var mapTasks: [TaskSpecification] = []
        mapTasks.reserveCapacity(splits.count)
        for (index, split) in splits.enumerated() {
            let context = MapTaskContext(
                taskID: Self.mapTaskID(index, of: splits.count), index: index, count: splits.count, split: split)
            var task = try map(context)
            try Self.check(task, expectedID: context.taskID)
            Self.setRetries(&task, mapRetries)
            // Batch's default already blocks dependants on any failure; saying so keeps the guarantee visible in
            // the JSON and safe from a caller's exit conditions that name only some codes.
            var conditions = task.exitConditions ?? ExitConditions()
            if conditions.default == nil { conditions.default = ExitOptions(dependencyAction: .block) }
            if conditions.preProcessingError == nil {
                conditions.preProcessingError = ExitOptions(dependencyAction: .block)
            }
            task.exitConditions = conditions
            mapTasks.append(task)
        }
        let mapTaskIDs = mapTasks.map(\.id)
        let context = MergeTaskContext(taskID: Self.mergeTaskID, mapTaskIDs: mapTaskIDs)
        var mergeTask = try merge(context)
        try Self.check(mergeTask, expectedID: context.taskID)
        Self.setRetries(&mergeTask, mergeRetries)
        do {
            mergeTask.dependsOn = try TaskDependencies.covering(mapTaskIDs)
            let graph = try TaskDependencyGraph(tasks: mapTasks + [mergeTask], usesTaskDependencies: true)
            guard graph.prerequisites(of: mergeTask.id) == mapTaskIDs else {
                throw AzureClientError(
                    .invalidGraph, "the merge task would not wait for exactly the \(mapTaskIDs.count) map tasks")
            }
        } catch let error as TaskDependencyError {
            throw AzureClientError(.invalidGraph, error.description)
        }
        self.job = job
        self.splits = splits
        self.mapTasks = mapTasks
        self.mergeTask = mergeTask
    }

    static func check(_ task: TaskSpecification, expectedID: String) throws(AzureClientError) {
        guard task.id == expectedID else {
            throw AzureClientError(
                .taskMismatch,
                "a task was built with id '\(task.id)' instead of the id '\(expectedID)' its context gave")
        }
        guard task.dependsOn == nil else {
            throw AzureClientError(
                .taskMismatch, "task '\(task.id)' sets its own dependsOn; the map/merge job sets the dependencies")
        }
    }

    static func setRetries(_ task: inout TaskSpecification, _ retries: Int) {
        var constraints = task.constraints ?? TaskConstraints()
        if constraints.maxTaskRetryCount == nil { constraints.maxTaskRetryCount = retries }
        task.constraints = constraints
    }
}

/// What a map task is built from: its id and the split it reads.
public struct MapTaskContext: Sendable, Hashable {
    /// The id to give the task (`1`…`N`, zero-padded).
    public var taskID: String
    /// 0-based position among the map tasks.
    public var index: Int
    /// How many map tasks there are.
    public var count: Int
    public var split: MapSplit
}

/// What the merge task is built from.
public struct MergeTaskContext: Sendable, Hashable {
    /// The id to give the task (``MapMergeJob/mergeTaskID``).
    public var taskID: String
    /// The map tasks it waits for, in order.
    public var mapTaskIDs: [String]
    /// How many partial results the merge must find (one per map task): pass it to the merge command so it
    /// refuses to merge an incomplete or stale set.
    public var expectedPartials: Int { mapTaskIDs.count }
}
