import Foundation
import Testing

@testable import AzureBatchKit

/// Graph checks (what Batch would refuse, and what could never finish), `dependsOn` compression, the byte-range
/// planner and the map/merge job.
@Suite struct TaskGraphTests {
    static func task(_ id: String, _ dependsOn: TaskDependencies? = nil) -> TaskSpecification {
        TaskSpecification(id: id, commandLine: "/bin/true", dependsOn: dependsOn)
    }

    struct BadGraph: Sendable, CustomTestStringConvertible {
        var name: String
        var tasks: [TaskSpecification]
        var usesTaskDependencies = true
        var kind: TaskDependencyError.Kind
        var taskIDs: [String]
        var mentions: String
        var testDescription: String { name }
    }

    static let badGraphs: [BadGraph] = [
        BadGraph(
            name: "dependsOn on a job without usesTaskDependencies",
            tasks: [task("a"), task("b", .init(taskIds: ["a"]))],
            usesTaskDependencies: false, kind: .notSpecifiedOnJob, taskIDs: ["b"], mentions: "usesTaskDependencies"),
        BadGraph(
            name: "a dependencyAction on a job without usesTaskDependencies",
            tasks: [
                TaskSpecification(
                    id: "a", commandLine: "/bin/true",
                    exitConditions: ExitConditions(default: ExitOptions(dependencyAction: .block)))
            ],
            usesTaskDependencies: false, kind: .notSpecifiedOnJob, taskIDs: ["a"], mentions: "dependencyAction"),
        BadGraph(
            name: "an unknown task id", tasks: [task("a"), task("b", .init(taskIds: ["c"]))],
            kind: .unknownTask, taskIDs: ["b"], mentions: "'c'"),
        BadGraph(
            name: "a range whose start is after its end",
            tasks: [task("1"), task("m", .init(taskIdRanges: [TaskIdRange(start: 5, end: 1)]))],
            kind: .invalidRange, taskIDs: ["m"], mentions: "5-1"),
        BadGraph(
            name: "a range that selects no task",
            tasks: [task("x1"), task("m", .init(taskIdRanges: [TaskIdRange(start: 1, end: 9)]))],
            kind: .invalidRange, taskIDs: ["m"], mentions: "selects no task"),
        BadGraph(
            name: "ids that differ only in case", tasks: [task("Merge"), task("merge")],
            kind: .duplicateTaskID, taskIDs: ["Merge", "merge"], mentions: "ignores case"),
        BadGraph(
            name: "a task that waits for itself", tasks: [task("a", .init(taskIds: ["a"]))],
            kind: .cycle, taskIDs: ["a"], mentions: "a → a"),
        BadGraph(
            name: "a cycle behind a range",
            tasks: [
                task("1", .init(taskIds: ["m"])), task("2"),
                task("m", .init(taskIdRanges: [TaskIdRange(start: 1, end: 2)])),
                task("after", .init(taskIds: ["m"])),
            ],
            kind: .cycle, taskIDs: ["1", "m"], mentions: "1 → m → 1"),
        BadGraph(
            name: "taskIds over 64,000 characters",
            tasks: (0..<1001).map { task(String(repeating: "t", count: 70) + "\($0)") }
                + [task("m", .init(taskIds: (0..<1001).map { String(repeating: "t", count: 70) + "\($0)" }))],
            kind: .listTooLong, taskIDs: ["m"], mentions: "ranges"),
    ]

    @Test(arguments: badGraphs)
    func refusesGraphsBatchWouldRefuseOrNeverFinish(bad: BadGraph) {
        #expect {
            _ = try TaskDependencyGraph(tasks: bad.tasks, usesTaskDependencies: bad.usesTaskDependencies)
        } throws: { error in
            guard let error = error as? TaskDependencyError else { return false }
            return error.kind == bad.kind && error.taskIDs == bad.taskIDs && error.description.contains(bad.mentions)
        }
    }

    @Test func rangesSelectIntegerIdsIgnoringLeadingZerosAndIdsIgnoreCase() throws {
        let tasks = [
            Self.task("3"), Self.task("007"), Self.task("5a"), Self.task("11"), Self.task("Prepare"),
            Self.task("m", .init(taskIds: ["prepare"], taskIdRanges: [TaskIdRange(start: 1, end: 10)])),
        ]
        let graph = try TaskDependencyGraph(tasks: tasks, usesTaskDependencies: true)
        #expect(graph.prerequisites(of: "m") == ["3", "007", "Prepare"])
        #expect(graph.dependants[0] == [5] && graph.dependants[2].isEmpty)
        #expect(graph.order.last == 5)
        #expect(TaskDependencyGraph.integerValue(of: "0042") == 42 && TaskDependencyGraph.integerValue(of: "-4") == nil)
    }

    @Test func orderPutsPrerequisitesFirstAndKeepsTheGivenOrderOtherwise() throws {
        let tasks = [
            Self.task("c", .init(taskIds: ["b"])), Self.task("x"), Self.task("b", .init(taskIds: ["a"])),
            Self.task("a"),
        ]
        let graph = try TaskDependencyGraph(tasks: tasks, usesTaskDependencies: true)
        #expect(graph.order.map { graph.taskIDs[$0] } == ["x", "a", "b", "c"])
        #expect(!(try TaskDependencyGraph(tasks: [Self.task("a")], usesTaskDependencies: false)).hasDependencies)
    }

    // MARK: dependsOn compression

    @Test func coveringTurnsNumberRunsIntoRangesAndListsTheRest() throws {
        let dependsOn = try TaskDependencies.covering(["1", "2", "3", "07", "prepare", "8", "2"])
        #expect(dependsOn.taskIdRanges == [TaskIdRange(start: 1, end: 3), TaskIdRange(start: 7, end: 8)])
        #expect(dependsOn.taskIds == ["prepare"])
        let thousands = try TaskDependencies.covering((1...10_000).map { String($0) })
        #expect(thousands.taskIdRanges == [TaskIdRange(start: 1, end: 10_000)] && thousands.taskIds == nil)
        #expect(throws: TaskDependencyError.self) {
            _ = try TaskDependencies.covering((0..<2000).map { "map-task-\($0)-" + String(repeating: "x", count: 30) })
        }
    }

    // MARK: The byte-range planner

    struct PlanVector: Sendable, CustomTestStringConvertible {
        var name: String
        var inputs: [MapInput]
        var target: Int64
        var nodes: Int
        var minimum: Int64 = 1 << 20
        /// Ranges per input (0 for a whole-file split).
        var pieces: [Int]
        var testDescription: String { name }
    }

    static let mib: Int64 = 1 << 20
    static func csv(_ name: String, _ size: Int64) -> MapInput {
        MapInput(location: name, size: size, isSplittable: true)
    }

    static let planVectors: [PlanVector] = [
        PlanVector(
            name: "one large file at the target", inputs: [csv("big.csv", 1000 * mib)], target: 256 * mib, nodes: 1,
            pieces: [4]),
        PlanVector(
            name: "idle nodes lower the bytes per task", inputs: [csv("big.csv", 700 * mib)], target: 256 * mib,
            nodes: 4, pieces: [4]),
        PlanVector(
            name: "but never below the minimum", inputs: [csv("small.csv", 3 * mib)], target: 256 * mib, nodes: 8,
            pieces: [3]),
        PlanVector(
            name: "an explicit small target wins over the minimum", inputs: [csv("small.csv", 300_000)],
            target: 100_000, nodes: 1, pieces: [3]),
        PlanVector(
            name: ".gz and empty files run whole",
            inputs: [
                MapInput(location: "a.csv.gz", size: 900 * mib, isSplittable: false),
                csv("empty.csv", 0), csv("b.csv", 512 * mib),
            ],
            target: 256 * mib, nodes: 1, pieces: [0, 0, 2]),
        PlanVector(
            name: "the last wave is filled", inputs: [csv("a.csv", 600 * mib), csv("b.csv", 300 * mib)],
            target: 256 * mib, nodes: 3,
            pieces: [4, 2]),
        PlanVector(
            name: "eight years on three nodes", inputs: (2001...2008).map { csv("\($0).csv.bz2", 100 * mib) },
            target: 128 * mib, nodes: 3,
            pieces: [2, 1, 1, 1, 1, 1, 1, 1]),
    ]

    @Test(arguments: planVectors)
    func plannerCutsContiguousRangesCoveringEveryByte(vector: PlanVector) throws {
        let splits = try EvenByteRangePlanner(minimumBytesPerTask: vector.minimum).splits(
            of: vector.inputs, targetBytesPerTask: vector.target, nodes: vector.nodes)
        for (input, pieces) in zip(vector.inputs, vector.pieces) {
            let mine = splits.filter { $0.input == input }
            if pieces == 0 {
                #expect(mine.count == 1 && mine[0].range == nil && mine[0].byteCount == input.size)
                continue
            }
            #expect(mine.count == pieces, "\(input.location): \(mine.map(\.description))")
            let ranges = mine.compactMap(\.range)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == input.size)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            let sizes = ranges.map { $0.upperBound - $0.lowerBound }
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "ranges are equal to the byte")
        }
        let expectedOrder = zip(vector.inputs, vector.pieces).flatMap { input, pieces in
            Array(repeating: input.location, count: max(1, pieces))
        }
        #expect(splits.map(\.input.location) == expectedOrder, "splits keep the input order")
    }

    /// The exact cuts (formerly the kernel's `InputSplitter` tests: this planner is the only one now).
    @Test func plannerCutsEqualRangesToTheByte() throws {
        let planner = EvenByteRangePlanner(minimumBytesPerTask: 1)
        let inputs = [
            Self.csv("a.csv.bz2", 250), MapInput(location: "b.csv.GZ", size: 1_000, isSplittable: false),
            Self.csv("c.csv", 0), Self.csv("d.csv", 100),
        ]
        let splits = try planner.splits(of: inputs, targetBytesPerTask: 100, nodes: 1)
        #expect(splits.map(\.input.location) == ["a.csv.bz2", "a.csv.bz2", "a.csv.bz2", "b.csv.GZ", "c.csv", "d.csv"])
        let expected: [Range<Int64>?] = [0..<83, 83..<166, 166..<250, nil, nil, 0..<100]
        #expect(splits.map(\.range) == expected)
        #expect(splits.map(\.byteCount) == [83, 83, 84, 1_000, 0, 100])
        // N tasks over one input: a target of ceil(size / N) bytes gives N ranges.
        let eight = try planner.splits(of: [Self.csv("e.csv", 1_000)], targetBytesPerTask: 125, nodes: 8)
        let eighths: [Range<Int64>] = (0..<8).map { Int64($0 * 125)..<Int64($0 * 125 + 125) }
        #expect(eight.compactMap(\.range) == eighths)
        let uneven = try planner.splits(of: [Self.csv("f.csv", 1_003)], targetBytesPerTask: (1_003 + 7) / 8, nodes: 8)
        #expect(uneven.count == 8)
        #expect(
            uneven.compactMap(\.range).map { $0.upperBound - $0.lowerBound }.sorted() == [
                125, 125, 125, 125, 125, 126, 126, 126,
            ])
    }

    @Test func plannerRefusesNothingToDoAndBadNumbers() {
        let planner = EvenByteRangePlanner()
        #expect(throws: AzureClientError(.noInputs, "there are no inputs to plan map tasks for")) {
            _ = try planner.splits(of: [], targetBytesPerTask: 1, nodes: 1)
        }
        #expect { _ = try planner.splits(of: [Self.csv("a", 1)], targetBytesPerTask: 0, nodes: 1) } throws: {
            ($0 as? AzureClientError)?.kind == .invalidArgument
        }
        #expect { _ = try planner.splits(of: [Self.csv("a", 1)], targetBytesPerTask: 1, nodes: 0) } throws: {
            ($0 as? AzureClientError)?.kind == .invalidArgument
        }
        #expect { _ = try planner.splits(of: [Self.csv("a", -1)], targetBytesPerTask: 1, nodes: 1) } throws: {
            ($0 as? AzureClientError)?.kind == .invalidArgument
        }
    }

    // MARK: The map/merge job

    static func splits(_ count: Int) -> [MapSplit] {
        (0..<count).map {
            MapSplit(input: csv("in.csv", Int64(count) * 100), range: Int64($0 * 100)..<Int64($0 * 100 + 100))
        }
    }

    static func graph(_ count: Int) throws -> MapMergeJob {
        try MapMergeJob(job: JobSpecification(id: "scale", pool: "p"), splits: splits(count), mapRetries: 3) { map in
            TaskSpecification(
                id: map.taskID,
                command: ["map", "--range", "\(map.split.range!.lowerBound)-\(map.split.range!.upperBound)"])
        } merge: { merge in
            TaskSpecification(id: merge.taskID, command: ["merge", "--expect", "\(merge.expectedPartials)"]) {
                Retries(0)
            }
        }
    }

    @Test(arguments: [1, 9, 12, 100, 1234])
    func mergeWaitsForEveryMapTaskThroughOneRange(count: Int) throws {
        let graph = try Self.graph(count)
        #expect(graph.job.usesTaskDependencies == true)
        #expect(graph.mapTasks.count == count && graph.tasks.count == count + 1)
        #expect(graph.mapTasks.first?.id == MapMergeJob.mapTaskID(0, of: count))
        #expect(Set(graph.mapTasks.map { $0.id.count }).count == 1, "ids share one width")
        #expect(graph.mergeTask.dependsOn == TaskDependencies(taskIdRanges: [TaskIdRange(start: 1, end: count)]))
        #expect(graph.mergeTask.commandLine == "merge --expect \(count)")
        #expect(graph.mapTasks.allSatisfy { $0.constraints?.maxTaskRetryCount == 3 })
        #expect(graph.mergeTask.constraints?.maxTaskRetryCount == 0, "the task's own retry count is kept")
        #expect(
            graph.mapTasks.allSatisfy {
                $0.exitConditions?.default?.dependencyAction == .block
                    && $0.exitConditions?.preProcessingError?.dependencyAction == .block
            })
        let checked = try TaskDependencyGraph(tasks: graph.tasks, usesTaskDependencies: true)
        #expect(checked.prerequisites(of: "merge") == graph.mapTasks.map(\.id))
        #expect(graph.completion.onAllTasksComplete == .terminateJob)
    }

    @Test func theWireFormIsBatchs() throws {
        let graph = try Self.graph(12)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(
            String(decoding: try encoder.encode(graph.mergeTask.dependsOn), as: UTF8.self)
                == #"{"taskIdRanges":[{"end":12,"start":1}]}"#)
        let job = String(decoding: try encoder.encode(graph.job), as: UTF8.self)
        #expect(job.contains(#""usesTaskDependencies":true"#))
        #expect(graph.mapTasks[0].id == "01" && graph.mapTasks[11].id == "12")
    }

    @Test func tasksMustKeepTheirIdsAndLeaveDependenciesToTheJob() {
        #expect {
            _ = try MapMergeJob(job: JobSpecification(id: "j", pool: "p"), splits: Self.splits(2)) { _ in
                TaskSpecification(id: "my-own-id", commandLine: "map")
            } merge: {
                TaskSpecification(id: $0.taskID, commandLine: "merge")
            }
        } throws: { ($0 as? AzureClientError)?.kind == .taskMismatch }
        #expect {
            _ = try MapMergeJob(job: JobSpecification(id: "j", pool: "p"), splits: Self.splits(2)) { map in
                TaskSpecification(id: map.taskID, commandLine: "map")
            } merge: {
                TaskSpecification(id: $0.taskID, command: ["merge"]) { DependsOn(["1"]) }
            }
        } throws: { ($0 as? AzureClientError)?.kind == .taskMismatch }
        #expect {
            _ = try MapMergeJob(job: JobSpecification(id: "j", pool: "p"), splits: []) { map in
                TaskSpecification(id: map.taskID, commandLine: "map")
            } merge: {
                TaskSpecification(id: $0.taskID, commandLine: "merge")
            }
        } throws: { ($0 as? AzureClientError)?.kind == .noInputs }
    }
}
