import Foundation
import Testing

@testable import AzureKitCore

@Suite("Child processes")
struct ChildProcessTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func capturesBothStreamsAndTheExitStatus() async throws {
        let result = try await ChildProcess(Self.shell, ["-c", "echo out; echo err >&2; exit 3"]).run()
        #expect(result.status == 3)
        #expect(!result.succeeded)
        #expect(!result.timedOut)
        #expect(result.standardOutputText == "out\n")
        #expect(result.standardErrorText == "err\n")
    }

    /// Both directions larger than a pipe's buffer (64 KiB): neither the feeding nor the draining may deadlock.
    @Test func feedsAndDrainsMoreThanAPipeHolds() async throws {
        let input = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let result = try await ChildProcess(URL(fileURLWithPath: "/bin/cat"), standardInput: input).run()
        #expect(result.succeeded)
        #expect(result.standardOutput == input)
    }

    @Test(arguments: [ChildProcess.Output.discard, .file(URL(fileURLWithPath: "/dev/null"))])
    func uncapturedOutputIsNotCollected(output: ChildProcess.Output) async throws {
        let result = try await ChildProcess(
            Self.shell, ["-c", "echo hidden"], standardOutput: output, standardError: output
        ).run()
        #expect(result.succeeded)
        #expect(result.standardOutput.isEmpty)
    }

    /// The exit is reported when the child exits, not when a process it left running ends (Foundation's `Process`
    /// on Linux waited for every holder of the child's exit socket).
    @Test func aChildThatLeavesAProcessBehindIsReportedWhenItExits() async throws {
        let started = ContinuousClock.now
        let result = try await ChildProcess(
            Self.shell, ["-c", "sleep 120 </dev/null >/dev/null 2>&1 & echo $!; exit 3"]
        ).run()
        if let left = pid_t(result.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(left, SIGKILL)
        }
        #expect(result.status == 3)
        #expect(!result.terminatedBySignal)
        // The bound is far from both ends: a busy test run delays the report by seconds, the bug by the whole sleep.
        #expect(ContinuousClock.now - started < .seconds(60), "reported long before the left-behind sleep ends")
    }

    /// The child starts with no standard signal (1–31) blocked or ignored, whatever the spawning thread or process
    /// had (Dispatch threads block signals, SwiftNIO ignores SIGPIPE): read from `SigBlk` and `SigIgn` of its status.
    @Test func theChildStartsWithDefaultSignals() async throws {
        signal(SIGPIPE, SIG_IGN)
        let result = try await ChildProcess(Self.shell, ["-c", "grep -E '^Sig(Blk|Ign)' /proc/self/status"]).run()
        #expect(result.succeeded)
        let lines = result.standardOutputText.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let mask = UInt64(line.split(separator: "\t").last ?? "", radix: 16)
            #expect(mask.map { $0 & 0x7fff_ffff } == 0, "\(line)")
        }
    }

    @Test func aWorkingDirectoryIsHonoured() async throws {
        let result = try await ChildProcess(Self.shell, ["-c", "pwd"], workingDirectory: URL(fileURLWithPath: "/usr"))
            .run()
        #expect(result.standardOutputText == "/usr\n")
    }

    @Test func writesOutputToTheGivenFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("stale contents that must be replaced".utf8).write(to: file)
        let result = try await ChildProcess(Self.shell, ["-c", "echo fresh"], standardOutput: .file(file)).run()
        #expect(result.succeeded)
        #expect(try String(contentsOf: file, encoding: .utf8) == "fresh\n")
    }

    @Test func aChildOverItsTimeLimitIsStopped() async throws {
        var child = ChildProcess(Self.shell, ["-c", "exec sleep 120"], timeLimit: .milliseconds(200))
        child.killGrace = .milliseconds(500)
        let started = ContinuousClock.now
        let result = try await child.run()
        #expect(result.timedOut)
        #expect(!result.succeeded)
        #expect(result.terminatedBySignal)
        #expect(ContinuousClock.now - started < .seconds(60), "stopped long before sleep 120 would end")
    }

    /// A child that ignores SIGTERM is killed after the grace period.
    @Test func aChildIgnoringSIGTERMIsKilled() async throws {
        var child = ChildProcess(
            Self.shell, ["-c", "trap '' TERM; while :; do sleep 0.1; done"], timeLimit: .milliseconds(200))
        child.killGrace = .milliseconds(300)
        let result = try await child.run()
        #expect(result.timedOut)
        #expect(result.terminatedBySignal)
        #expect(result.status == SIGKILL)
    }

    @Test func cancellingTheAwaitingTaskStopsTheChild() async throws {
        let task = Task { try await ChildProcess(Self.shell, ["-c", "exec sleep 30"]).run() }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = try await task.value
        #expect(result.terminatedBySignal)
        #expect(result.status == SIGTERM, "SIGTERM reached it: the child did not inherit a blocked signal mask")
    }

    /// Spawned from a cooperative-pool thread (which blocks signals), the child still starts with none blocked.
    @Test func theChildStartsWithNoSignalBlocked() async throws {
        let result = try await ChildProcess(Self.shell, ["-c", "grep SigBlk /proc/self/status"]).run()
        try #require(result.succeeded, "needs Linux's /proc: \(result.standardErrorText)")
        let mask = result.standardOutputText.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(mask == "0000000000000000")
    }

    @Test func aProgramThatCannotStartIsATypedError() async throws {
        let missing = URL(fileURLWithPath: "/nonexistent/program-\(UUID().uuidString)")
        let error = try await #require(throws: ChildProcessError.self) { try await ChildProcess(missing).run() }
        #expect(error.executable == missing.path)
        #expect(error.description.contains("cannot start"))
    }

    /// More children than the cooperative pool has threads, each waiting for a file that only another task of the
    /// same pool creates. Had `run()` parked a pool thread per child, that task could never run and every child
    /// would hit its time limit; awaiting the exit must leave the threads free.
    @Test func waitingForChildrenLeavesThePoolFree() async throws {
        let flag = FileManager.default.temporaryDirectory.appendingPathComponent("child-flag-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: flag) }
        let children = ProcessInfo.processInfo.activeProcessorCount + 2
        let results = try await withThrowingTaskGroup(of: ChildProcess.Result?.self) { group in
            for _ in 0..<children {
                group.addTask {
                    try await ChildProcess(
                        Self.shell, ["-c", "while [ ! -e '\(flag.path)' ]; do sleep 0.05; done"],
                        timeLimit: .seconds(60)
                    ).run()
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(300))
                try Data().write(to: flag)
                return nil
            }
            return try await group.reduce(into: [ChildProcess.Result]()) { if let result = $1 { $0.append(result) } }
        }
        #expect(results.count == children)
        #expect(results.allSatisfy { $0.succeeded }, "every child saw the flag; none was stopped at its time limit")
    }

    @Test func findLooksOnThePathAndTakesPathsAsGiven() throws {
        #expect(ChildProcess.find("sh", path: "/nonexistent:/bin")?.path == "/bin/sh")
        #expect(ChildProcess.find("sh", path: "/nonexistent") == nil)
        #expect(ChildProcess.find("/bin/sh")?.path == "/bin/sh")
        #expect(ChildProcess.find("sh", path: "/bin", relativeTo: nil) != nil)
        #expect(ChildProcess.find("./sh", relativeTo: URL(fileURLWithPath: "/bin"))?.path == "/bin/sh")
    }
}
