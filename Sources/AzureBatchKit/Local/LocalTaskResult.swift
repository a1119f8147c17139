import Foundation

/// How one task ended under ``LocalBatchRunner``, in the same terms Batch uses.
public struct LocalTaskResult: Sendable, Hashable, CustomStringConvertible {
    public var taskID: String
    /// `success` for exit code 0, else `failure`.
    public var result: TaskExecutionResult
    /// The last attempt's exit code; `nil` when the process never started or was killed for running too long.
    public var exitCode: Int32?
    /// Why the task failed, as Batch would report it (`usererror` with a code and message).
    public var failureInfo: TaskFailureInfo?
    /// Retries made after the first attempt.
    public var retryCount: Int
    public var startTime: Date
    public var endTime: Date
    /// The task directory (`<work>/<job>/<task>`), which holds `stdout.txt`, `stderr.txt` and `wd/`.
    public var directory: URL
    /// Settings that could not be applied on this machine (containers, resource and output files), so nothing
    /// is silently ignored.
    public var notApplied: [String]
    /// Set when the task never ran because a task it depends on (this one) completed with a `block` dependency
    /// action, directly or further up the graph; Batch would leave such a task `active` for ever.
    public var blockedBy: String? = nil

    public var stdoutURL: URL { directory.appendingPathComponent("stdout.txt") }
    public var stderrURL: URL { directory.appendingPathComponent("stderr.txt") }
    public var workingDirectory: URL { directory.appendingPathComponent("wd") }
    public var succeeded: Bool { result == .success }

    /// The last `maxBytes` of `stderr.txt`, as text.
    public func stderrTail(maxBytes: Int = 4096) -> String {
        guard let handle = try? FileHandle(forReadingFrom: stderrURL) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(maxBytes) ? size - UInt64(maxBytes) : 0
        try? handle.seek(toOffset: start)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    public var description: String {
        if let blockedBy { return "\(taskID): not run, blocked by task \(blockedBy)" }
        var text = "\(taskID): \(result.rawValue), exit code \(exitCode.map(String.init) ?? "none")"
        if retryCount > 0 { text += ", \(retryCount) retries" }
        if let failureInfo { text += " (\(failureInfo.code ?? ""): \(failureInfo.message ?? ""))" }
        return text
    }
}

/// All task results of a local run.
public struct LocalJobReport: Sendable, Hashable {
    public var jobID: String
    /// In the order the tasks were given.
    public var results: [LocalTaskResult]
    public var failed: [LocalTaskResult] { results.filter { !$0.succeeded } }
    public var allSucceeded: Bool { results.allSatisfy(\.succeeded) }
    public var progress: TaskProgress {
        TaskProgress(completed: results.count, succeeded: results.count - failed.count, failed: failed.count)
    }
}
