import Foundation
import Testing

@testable import AzureBatchKit

/// `LocalBatchRunner` runs a graph the way Batch schedules it: a task starts only after every task it depends
/// on completed with a `satisfy` action; a `block` keeps everything downstream from running.
@Suite struct LocalRunnerDependencyTests {
    /// One graph shape: the tasks (ids, dependencies, which fail), and what must come out.
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var tasks: [TaskSpecification]
        var parallelism = 3
        /// Tasks expected to succeed, fail (ran, non-zero) and be blocked (never started).
        var succeeded: Set<String>
        var failed: Set<String> = []
        var blocked: Set<String> = []
        var testDescription: String { name }
    }

    /// A task that logs its start and end (with a short pause between) and exits with `exit`.
    static func task(
        _ id: String, exit: Int = 0, @ComponentBuilder<any TaskComponent> _ content: () -> [any TaskComponent] = { [] }
    ) -> TaskSpecification {
        TaskSpecification(
            id: id,
            command: .shell(
                "echo \"start $AZ_BATCH_TASK_ID\" >> \"$GRAPH_LOG\"; sleep 0.05; echo \"end $AZ_BATCH_TASK_ID\" >> \"$GRAPH_LOG\"; exit \(exit)"
            ), content)
    }

    static let satisfyOn3 = ExitConditions(exitCodes: [
        ExitCodeMapping(code: 3, exitOptions: ExitOptions(dependencyAction: .satisfy))
    ])

    static let shapes: [Shape] = [
        Shape(
            name: "chain a → b → c",
            tasks: [
                task("c") { DependsOn(["b"]) }, task("b") { DependsOn(["a"]) }, task("a"),
            ], succeeded: ["a", "b", "c"]),
        Shape(
            name: "fan-in over a task id range",
            tasks: (1...5).map { task("\($0)") } + [
                task("merge") { DependsOn([], ranges: [1...5]) }
            ], parallelism: 2, succeeded: ["1", "2", "3", "4", "5", "merge"]),
        Shape(
            name: "diamond with zero-padded ids in a range",
            tasks: [
                task("top"), task("01") { DependsOn(["top"]) }, task("02") { DependsOn(["top"]) },
                task("bottom") { DependsOn(["top"], ranges: [1...2]) },
            ], succeeded: ["top", "01", "02", "bottom"]),
        Shape(
            name: "a failure blocks its dependants and theirs, not the rest",
            tasks: [
                task("1"), task("2", exit: 1), task("merge") { DependsOn([], ranges: [1...2]) },
                task("publish") { DependsOn(["merge"]) }, task("independent"),
            ], succeeded: ["1", "independent"], failed: ["2"], blocked: ["merge", "publish"]),
        Shape(
            name: "exit code mapped to satisfy lets dependants run",
            tasks: [
                task("lenient", exit: 3) { satisfyOn3 }, task("after") { DependsOn(["lenient"]) },
            ], succeeded: ["after"], failed: ["lenient"]),
        Shape(
            name: "an exit code outside the mapping still blocks",
            tasks: [
                task("lenient", exit: 4) { satisfyOn3 }, task("after") { DependsOn(["lenient"]) },
            ], succeeded: [], failed: ["lenient"], blocked: ["after"]),
        Shape(
            name: "default satisfy covers every non-zero exit",
            tasks: [
                task("optional", exit: 9) { ExitConditions(default: ExitOptions(dependencyAction: .satisfy)) },
                task("after") { DependsOn(["optional"]) },
            ], succeeded: ["after"], failed: ["optional"]),
        Shape(
            name: "exit code 0 mapped to block blocks after a success",
            tasks: [
                task("gate") {
                    ExitConditions(exitCodes: [
                        ExitCodeMapping(code: 0, exitOptions: ExitOptions(dependencyAction: .block))
                    ])
                },
                task("after") { DependsOn(["gate"]) },
            ], succeeded: ["gate"], blocked: ["after"]),
        Shape(
            name: "a pre-processing error follows preProcessingError",
            tasks: [
                TaskSpecification(id: "missing", command: ["no-such-program-xyz"]) {
                    ExitConditions(preProcessingError: ExitOptions(dependencyAction: .satisfy))
                },
                task("after") { DependsOn(["missing"]) },
            ], succeeded: ["after"], failed: ["missing"]),
    ]

    static func log(_ work: URL) -> [String] {
        ((try? String(contentsOf: work.appendingPathComponent("graph.log"), encoding: .utf8)) ?? "").split(
            separator: "\n"
        ).map(String.init)
    }

    @Test(arguments: shapes)
    func runsInDependencyOrder(shape: Shape) async throws {
        let work = try LocalRunnerTests.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let job = JobSpecification(id: "graph", pool: "local") {
            UsesTaskDependencies()
            Environment(["GRAPH_LOG": work.appendingPathComponent("graph.log").path])
        }
        let report = try await LocalBatchRunner(workDirectory: work, parallelism: shape.parallelism).run(
            job: job, tasks: shape.tasks)
        #expect(report.results.map(\.taskID) == shape.tasks.map(\.id), "results come in the order the tasks were given")
        #expect(Set(report.results.filter(\.succeeded).map(\.taskID)) == shape.succeeded)
        #expect(Set(report.results.filter { !$0.succeeded && $0.blockedBy == nil }.map(\.taskID)) == shape.failed)
        #expect(Set(report.results.filter { $0.blockedBy != nil }.map(\.taskID)) == shape.blocked)
        for result in report.results where result.blockedBy != nil {
            #expect(result.failureInfo?.code == "TaskDependencyBlocked" && result.exitCode == nil)
        }

        // The log proves the order: each task that ran started after every task it depends on had ended, and no
        // blocked task started at all.
        let lines = Self.log(work)
        let graph = try TaskDependencyGraph(tasks: shape.tasks, usesTaskDependencies: true)
        for task in shape.tasks {
            guard let start = lines.firstIndex(of: "start \(task.id)") else {
                #expect(shape.blocked.contains(task.id) || task.id == "missing", "\(task.id) never started")
                continue
            }
            #expect(!shape.blocked.contains(task.id), "blocked task \(task.id) started")
            for prerequisite in graph.prerequisites(of: task.id) where prerequisite != "missing" {
                let end = try #require(lines.firstIndex(of: "end \(prerequisite)"), "\(prerequisite) never ended")
                #expect(end < start, "\(task.id) started before \(prerequisite) ended")
            }
        }
        let running = lines.reduce(into: (now: 0, peak: 0)) { state, line in
            state.now += line.hasPrefix("start ") ? 1 : -1
            state.peak = max(state.peak, state.now)
        }
        #expect(running.peak <= shape.parallelism)
    }

    @Test func retriedPrerequisiteSatisfiesOnceItSucceeds() async throws {
        let work = try LocalRunnerTests.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let marker = work.appendingPathComponent("failed-once").path
        let flaky = TaskSpecification(
            id: "1",
            command: .shell("test -e \(ShellQuoting.quote(marker)) || { touch \(ShellQuoting.quote(marker)); exit 1; }")
        ) {
            Retries(2)
        }
        let merge = TaskSpecification(id: "merge", command: ["/bin/true"]) { DependsOn([], ranges: [1...1]) }
        let job = JobSpecification(id: "retry", pool: "local") { UsesTaskDependencies() }
        let report = try await LocalBatchRunner(workDirectory: work).run(job: job, tasks: [flaky, merge])
        #expect(report.results[0].succeeded && report.results[0].retryCount == 1)
        #expect(report.results[1].succeeded)
    }

    @Test func blockedTasksCountAsCompletedSoProgressEnds() async throws {
        let work = try LocalRunnerTests.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let tasks = [
            TaskSpecification(id: "1", command: .shell("exit 2")),
            TaskSpecification(id: "merge", command: ["/bin/true"]) { DependsOn(["1"]) },
        ]
        let job = JobSpecification(id: "blocked", pool: "local") { UsesTaskDependencies() }
        let run = LocalBatchRunner(workDirectory: work).start(job: job, tasks: tasks)
        var last: TaskProgress?
        for try await progress in run.progress { last = progress }
        #expect(last == TaskProgress(completed: 2, succeeded: 0, failed: 2))
        let statuses = await run.taskStatuses()
        #expect(statuses[1].state == .completed && statuses[1].slot == nil && statuses[1].result?.blockedBy == "1")
    }

    @Test func dependenciesNeedUsesTaskDependenciesAsOnBatch() async throws {
        let work = try LocalRunnerTests.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let tasks = [
            TaskSpecification(id: "a", command: ["/bin/true"]),
            TaskSpecification(id: "b", command: ["/bin/true"]) { DependsOn(["a"]) },
        ]
        let run = LocalBatchRunner(workDirectory: work).start(job: "no-dependencies", tasks: tasks)
        await #expect(throws: TaskDependencyError.self) { _ = try await run.report() }
        do { _ = try await run.report() } catch let error as TaskDependencyError {
            #expect(error.kind == .notSpecifiedOnJob && error.taskIDs == ["b"])
            #expect(error.description.contains("usesTaskDependencies"))
        }
        #expect(
            !FileManager.default.fileExists(atPath: work.appendingPathComponent("no-dependencies/a").path),
            "nothing ran")
    }
}
