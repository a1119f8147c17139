import AirlineAggregation
import AzureBatchKit
import Foundation

/// `SubmitYears --one-answer`: one table over every input, as a Batch task graph instead of one result per year.
///
/// Map tasks run `AirlineAnalytics map` over a byte range of one input (or the whole of an unsplittable `.gz`) and
/// write a partial result; the merge task runs `AirlineAnalytics merge` over all partials, expecting exactly one
/// per map task, and writes the final Parquet. The graph (``AzureBatchKit/MapMergeJob``) is the same locally and
/// on Azure; only the locations differ (``GraphLocations``): local paths, or blob URLs with a SAS per task.
///
/// ```swift
/// let plan = OneAnswerPlan(job: jobPlan, bytesPerTask: 128 << 20, nodes: 3)
/// let graph = try plan.graph(inputs: inputs, locations: LocalGraphLocations(directory: out))
/// ```
public struct OneAnswerPlan: Sendable {
    /// Map task ranges aim at this many input bytes by default (compressed bytes for `.bz2`).
    public static let defaultBytesPerTask: Int64 = 128 << 20
    /// The final result's file name.
    public static let resultName = "all-years.parquet"

    /// The pool, image and limits the per-year tasks use too.
    public var job: JobPlan
    public var bytesPerTask: Int64
    /// The nodes (local: worker slots) the map tasks are spread over.
    public var nodes: Int
    /// How failed map tasks are retried before their failure blocks the merge.
    public var mapRetries: Int
    public var planner: any MapSplitPlanner

    public init(
        job: JobPlan, bytesPerTask: Int64 = Self.defaultBytesPerTask, nodes: Int, mapRetries: Int = 2,
        planner: any MapSplitPlanner = EvenByteRangePlanner()
    ) {
        self.job = job
        self.bytesPerTask = bytesPerTask
        self.nodes = nodes
        self.mapRetries = mapRetries
        self.planner = planner
    }

    /// The graph for `inputs`: splits planned from their sizes, one map task per split, one merge task.
    /// - Throws: ``AzureBatchKit/AzureClientError`` (no inputs, bad sizes) or a location error.
    public func graph(inputs: [MapInput], locations: some GraphLocations) throws -> MapMergeJob {
        let splits = try planner.splits(of: inputs, targetBytesPerTask: bytesPerTask, nodes: nodes)
        let program = JobPlan.program
        let image = job.image
        let limit = job.taskTimeLimit
        return try MapMergeJob(job: oneAnswerJob, splits: splits, mapRetries: mapRetries) { map in
            let place = try locations.map(map)
            var words = [program, "map", "--input", place.input]
            if let range = map.split.range { words += ["--range", ByteRange.format(range)] }
            words += ["--partial-output", place.partial]
            return TaskSpecification(id: map.taskID, command: TaskCommandLine(words)) {
                DisplayName("map \(map.taskID): \(map.split)")
                Container(image: image, runOptions: "--rm")
                MaxWallClockTime(limit)
            }
        } merge: { merge in
            let place = try locations.merge(merge)
            return TaskSpecification(
                id: merge.taskID,
                command: TaskCommandLine([
                    program, "merge", "--partials", place.partials, "--output", place.output, "--expect",
                    String(merge.expectedPartials),
                ])
            ) {
                DisplayName("merge \(merge.expectedPartials) partial results")
                Container(image: image, runOptions: "--rm")
                MaxWallClockTime(limit)
            }
        }
    }

    var oneAnswerJob: JobSpecification {
        var spec = job.job
        spec.displayName = "Airline on-time aggregation, one answer"
        return spec
    }

    /// A line per failed or blocked task of a graph run, naming what the failed map tasks read.
    public static func failureLines(graph: MapMergeJob, failedTaskIDs: [String], blockedTaskIDs: [String]) -> [String] {
        let splitByID = Dictionary(uniqueKeysWithValues: zip(graph.mapTasks.map(\.id), graph.splits))
        var lines = failedTaskIDs.map { id in
            splitByID[id].map { "map task \(id) failed: \($0)" } ?? "task \(id) failed"
        }
        lines += blockedTaskIDs.map { "task \($0) did not run: blocked by the failed map task(s)" }
        return lines
    }
}

/// Where a graph's tasks read and write, as the tasks see it.
public protocol GraphLocations: Sendable {
    /// The input (with its read SAS, on Azure) and the partial result a map task writes.
    func map(_ context: MapTaskContext) throws -> (input: String, partial: String)
    /// Where the merge task finds the partial results (a folder or blob prefix) and writes the result.
    func merge(_ context: MergeTaskContext) throws -> (partials: String, output: String)
}
