import Foundation

/// Runs one process with its output in files, a time limit, and cancellation that kills it.
struct LocalProcess: Sendable {
    enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case timedOut
        case failedToStart(String)
    }

    var executable: URL
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: URL
    var stdout: URL
    var stderr: URL
    var timeLimit: Duration?

    /// Grace period between SIGTERM and SIGKILL for a process over its time limit.
    static let killGrace: Duration = .seconds(2)

    func run() async -> Outcome {
        let fileManager = FileManager.default
        _ = fileManager.createFile(atPath: stdout.path, contents: nil)
        _ = fileManager.createFile(atPath: stderr.path, contents: nil)
        guard let out = try? FileHandle(forWritingTo: stdout), let err = try? FileHandle(forWritingTo: stderr) else {
            return .failedToStart("cannot open \(stdout.path) or \(stderr.path) for writing")
        }
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = workingDirectory
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        let (exits, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            continuation.yield(finished.terminationStatus)
            continuation.finish()
        }
        do {
            try process.run()
        } catch {
            return .failedToStart("cannot start \(executable.path): \(error.localizedDescription)")
        }
        return await withTaskCancellationHandler {
            await withTaskGroup(of: Outcome?.self) { group in
                group.addTask {
                    for await status in exits { return .exited(status) }
                    return .exited(box.status)
                }
                if let timeLimit {
                    group.addTask {
                        do { try await Task.sleep(for: timeLimit) } catch { return nil }
                        return .timedOut
                    }
                }
                var outcome: Outcome = .exited(-1)
                while let next = await group.next() {
                    guard let next else { continue }
                    outcome = next
                    break
                }
                if outcome == .timedOut {
                    box.terminate()
                    // Give the process a moment to exit on SIGTERM, then SIGKILL it.
                    var waited: Duration = .zero
                    while box.isRunning, waited < Self.killGrace {
                        try? await Task.sleep(for: .milliseconds(20))
                        waited += .milliseconds(20)
                    }
                    box.kill()
                }
                group.cancelAll()
                await group.waitForAll()
                return outcome
            }
        } onCancel: {
            box.terminate()
        }
    }

    /// Finds `name` on `PATH` unless it already contains a slash (then it is taken relative to `directory`).
    static func resolve(_ name: String, path: String?, relativeTo directory: URL) -> URL? {
        let fileManager = FileManager.default
        if name.contains("/") {
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : directory.appendingPathComponent(name)
            return fileManager.isExecutableFile(atPath: url.path) ? url : nil
        }
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Lets the cancellation handler and timer signal a running `Process` from other threads.
private final class ProcessBox: @unchecked Sendable {
    private let process: Process
    init(_ process: Process) { self.process = process }
    var status: Int32 { process.isRunning ? -1 : process.terminationStatus }
    var isRunning: Bool { process.isRunning }
    func terminate() { if process.isRunning { process.terminate() } }
    func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}
