import AzureKitCore
import Foundation

/// One task's process: its output in `stdout.txt`/`stderr.txt`, its `maxWallClockTime`, and cancellation that
/// stops it (all of it ``ChildProcess``'s; this maps the ending onto what the runner reports).
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

    func run() async -> Outcome {
        let child = ChildProcess(
            executable, arguments, environment: environment, workingDirectory: workingDirectory,
            standardOutput: .file(stdout), standardError: .file(stderr), timeLimit: timeLimit)
        do {
            let result = try await child.run()
            return result.timedOut ? .timedOut : .exited(result.status)
        } catch {
            return .failedToStart(String(describing: error))
        }
    }

    /// Finds `name` on `PATH` unless it already contains a slash (then it is taken relative to `directory`).
    static func resolve(_ name: String, path: String?, relativeTo directory: URL) -> URL? {
        ChildProcess.find(name, path: path ?? "/usr/local/bin:/usr/bin:/bin", relativeTo: directory)
    }
}
