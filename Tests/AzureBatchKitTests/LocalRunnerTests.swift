import Foundation
import Testing

@testable import AzureBatchKit

@Suite struct LocalRunnerTests {
    static func workDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test func successWritesStdoutAndStderrLikeBatch() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let task = TaskSpecification(
            id: "hello", command: ["/bin/sh", "-c", "echo \"out $AZ_BATCH_TASK_ID $GREETING\"; echo err >&2; pwd"]
        ) {
            Environment(["GREETING": "hi there"])
        }
        let report = try await LocalBatchRunner(workDirectory: work, parallelism: 2).run(job: "job-1", tasks: [task])
        let result = try #require(report.results.first)
        #expect(result.succeeded && result.exitCode == 0 && result.failureInfo == nil)
        #expect(
            result.directory.standardizedFileURL.path
                == work.appendingPathComponent("job-1").appendingPathComponent("hello").standardizedFileURL.path)
        let stdout = Self.read(result.stdoutURL)
        #expect(stdout.contains("out hello hi there"))
        #expect(stdout.contains(result.workingDirectory.lastPathComponent))
        #expect(Self.read(result.stderrURL) == "err\n")
        #expect(result.notApplied.isEmpty)
    }

    @Test func commandLinesAreNotRunThroughAShell() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        // As on a Batch node: `$HOME` and `*` reach the program unexpanded.
        let task = TaskSpecification(id: "literal", commandLine: "/bin/echo $HOME '*' \"a  b\"")
        let result = try #require(
            try await LocalBatchRunner(workDirectory: work).run(job: "j", tasks: [task]).results.first)
        #expect(Self.read(result.stdoutURL) == "$HOME * a  b\n")
    }

    @Test func failureReportsTheExitCode() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let task = TaskSpecification(id: "fails", command: .shell("echo boom >&2; exit 3"))
        let report = try await LocalBatchRunner(workDirectory: work).run(job: "j", tasks: [task])
        let result = try #require(report.results.first)
        #expect(result.result == .failure && result.exitCode == 3 && result.retryCount == 0)
        #expect(result.failureInfo?.code == "FailureExitCode" && result.failureInfo?.category == .userError)
        #expect(result.stderrTail() == "boom\n")
        #expect(!report.allSucceeded && report.failed.count == 1)
    }

    @Test func retriesUpToMaxTaskRetryCount() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let counter = work.appendingPathComponent("attempts").path
        // Fails twice, succeeds on the third attempt.
        let flaky = TaskSpecification(
            id: "flaky",
            command: .shell(
                "echo x >> \(ShellQuoting.quote(counter)); test $(wc -l < \(ShellQuoting.quote(counter))) -ge 3")
        ) {
            Retries(5)
        }
        let always = TaskSpecification(id: "always", command: .shell("exit 1")) { Retries(2) }
        let job = JobSpecification(id: "j", pool: "local")
        let report = try await LocalBatchRunner(workDirectory: work).run(job: job, tasks: [flaky, always])
        #expect(report.results[0].succeeded && report.results[0].retryCount == 2)
        #expect(!report.results[1].succeeded && report.results[1].retryCount == 2 && report.results[1].exitCode == 1)
    }

    @Test func wallClockLimitKillsTheProcess() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let task = TaskSpecification(id: "slow", command: ["/bin/sleep", "30"]) { MaxWallClockTime(.milliseconds(200)) }
        let result = try #require(
            try await LocalBatchRunner(workDirectory: work).run(job: "j", tasks: [task]).results.first)
        #expect(result.result == .failure && result.exitCode == nil)
        #expect(result.failureInfo?.code == "MaxWallClockTimeExpiry")
    }

    @Test func containerSettingsAreReportedAsNotApplied() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let task = TaskSpecification(id: "c", command: ["/bin/true"]) { Container(image: "myregistry.azurecr.io/x:1") }
        let result = try #require(
            try await LocalBatchRunner(workDirectory: work).run(job: "j", tasks: [task]).results.first)
        #expect(result.succeeded)
        #expect(
            result.notApplied.contains { $0.contains("containerSettings") && $0.contains("myregistry.azurecr.io/x:1") })
    }

    @Test func badCommandsFailWithoutCrashing() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let tasks = [
            TaskSpecification(id: "quote", commandLine: "echo 'unterminated"),
            TaskSpecification(id: "missing", commandLine: "no-such-program-xyz --flag"),
            TaskSpecification(id: "empty", commandLine: "   "),
        ]
        let report = try await LocalBatchRunner(workDirectory: work).run(job: "j", tasks: tasks)
        #expect(
            report.results.map { $0.failureInfo?.code } == [
                "CommandLineInvalid", "CommandProgramNotFound", "CommandLineInvalid",
            ])
    }

    @Test func progressSequenceEndsWhenAllTasksComplete() async throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let tasks = (0..<5).map { TaskSpecification(id: "t\($0)", command: .shell("exit \($0 == 2 ? 1 : 0)")) }
        let run = LocalBatchRunner(workDirectory: work, parallelism: 2).start(job: "j", tasks: tasks)
        var snapshots: [TaskProgress] = []
        for try await progress in run.progress { snapshots.append(progress) }
        let report = try await run.report()
        #expect(snapshots.first == TaskProgress(active: 5))
        #expect(snapshots.last == TaskProgress(completed: 5, succeeded: 4, failed: 1))
        #expect(snapshots.allSatisfy { $0.running <= 2 })
        #expect(report.results.map(\.taskID) == tasks.map(\.id))
    }
}
