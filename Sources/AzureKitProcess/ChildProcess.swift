import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program run as a child process, awaited without blocking a thread of Swift's cooperative pool.
///
/// `Process.waitUntilExit()` and reading a pipe to its end both park the calling thread; called from async code
/// they take one of the pool's few threads (two on a 2-core node) for as long as the child runs, and every other
/// task in the process waits behind them. `ChildProcess` waits on the termination handler instead, drains captured
/// output on threads of its own (so a chatty child never blocks on a full pipe, and captured secrets such as the
/// Azure CLI's tokens never touch the disk), enforces an
/// optional time limit (SIGTERM, then SIGKILL after ``killGrace``) and stops the child when the awaiting task is
/// cancelled.
///
/// On Linux, Foundation's `Process` reports an exit only once every process that inherited the child's descriptors
/// has ended too: a child that leaves a background process running is awaited until that process ends, and the time
/// limit stops the child, not what it left behind (stopping the whole tree needs a process group of its own,
/// which `Process` does not offer).
///
/// ```swift
/// var ldd = ChildProcess(URL(fileURLWithPath: "/usr/bin/ldd"), ["/usr/local/bin/AirlineAnalytics"])
/// ldd.timeLimit = .seconds(30)
/// let result = try await ldd.run()
/// guard result.succeeded else { throw MyError(result.standardErrorText) }
/// print(result.standardOutputText)
/// ```
public struct ChildProcess: Sendable {
    /// Where one of the child's output streams goes.
    public enum Output: Sendable, Equatable {
        /// Thrown away (`/dev/null`).
        case discard
        /// The parent's own stream (a build's progress shown to the user).
        case inherit
        /// Collected into ``Result/standardOutput`` or ``Result/standardError``.
        case capture
        /// Written to this file (created or truncated), as a Batch task's `stdout.txt`.
        case file(URL)
    }

    /// How the child ended and what it printed.
    public struct Result: Sendable {
        /// The exit status, or the signal number when ``terminatedBySignal``.
        public var status: Int32
        public var terminatedBySignal: Bool
        /// The time limit passed and the child was stopped.
        public var timedOut: Bool
        /// What the child wrote to standard output, when it was ``Output/capture``d; else empty.
        public var standardOutput: Data
        /// What the child wrote to standard error, when it was ``Output/capture``d; else empty.
        public var standardError: Data

        /// Exited by itself with status 0.
        public var succeeded: Bool { status == 0 && !terminatedBySignal && !timedOut }
        public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
        public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
    }

    public var executable: URL
    public var arguments: [String]
    /// The child's whole environment; `nil` inherits the parent's.
    public var environment: [String: String]?
    /// `nil` runs in the parent's current directory.
    public var workingDirectory: URL?
    /// Bytes the child reads on standard input (then end of file); `nil` gives it `/dev/null`.
    public var standardInput: Data?
    public var standardOutput: Output
    public var standardError: Output
    /// Stop the child (SIGTERM, then SIGKILL) when it runs longer than this; `nil` waits for ever.
    public var timeLimit: Duration?
    /// Time between SIGTERM and SIGKILL when the child is stopped, and how long captured output may still arrive
    /// after the child has ended (from a grandchild holding the pipe).
    public var killGrace: Duration = .seconds(2)

    public init(
        _ executable: URL, _ arguments: [String] = [], environment: [String: String]? = nil,
        workingDirectory: URL? = nil, standardInput: Data? = nil, standardOutput: Output = .capture,
        standardError: Output = .capture, timeLimit: Duration? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timeLimit = timeLimit
    }

    /// Starts the child and waits for it to end.
    ///
    /// - Throws: ``ChildProcessError`` when the program cannot be started or an output file cannot be opened. A
    ///   child that starts and fails is not an error: look at ``Result/succeeded``.
    public func run() async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let out = try OpenedOutput(standardOutput, parent: .standardOutput, executable: executable)
        let err = try OpenedOutput(standardError, parent: .standardError, executable: executable)
        process.standardOutput = out.target
        process.standardError = err.target
        let input = try standardInput.map { try unlinkedFile(holding: $0) }
        process.standardInput = input ?? FileHandle.nullDevice

        let exit = ExitSignal()
        process.terminationHandler = { finished in
            exit.finish(status: finished.terminationStatus, bySignal: finished.terminationReason == .uncaughtSignal)
        }
        defer { try? input?.close() }
        do { try withNoSignalBlocked { try process.run() } } catch {
            out.close()
            err.close()
            throw ChildProcessError(executable: executable.path, reason: "cannot start: \(error.localizedDescription)")
        }
        out.startDraining()
        err.startDraining()
        let child = RunningChild(process, grace: killGrace)
        // The time limit and the stop run on Dispatch, not on the cooperative pool: a child must be stopped on time
        // even when the pool is busy (or blocked by someone else's synchronous work).
        let watchdog = timeLimit.map { limit in
            let item = DispatchWorkItem {
                child.markTimedOut()
                child.stop()
            }
            DispatchQueue.global().asyncAfter(
                deadline: .now() + .milliseconds(Int(limit / .milliseconds(1))), execute: item)
            return item
        }
        let (status, bySignal) = await withTaskCancellationHandler {
            await exit.wait()
        } onCancel: {
            DispatchQueue.global().async { child.stop() }
        }
        watchdog?.cancel()
        out.close()
        err.close()
        return Result(
            status: status, terminatedBySignal: bySignal, timedOut: child.timedOut,
            standardOutput: await out.captured(patience: killGrace),
            standardError: await err.captured(patience: killGrace))
    }

    /// Standard input from a file that is already unlinked (readable only through this handle, gone when it closes):
    /// a pipe would need a writer thread, and writing to a child that exits without reading raises SIGPIPE.
    private func unlinkedFile(holding data: Data) throws -> FileHandle {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("child-stdin-\(UUID().uuidString)")
            .path
        let descriptor = open(path, O_CREAT | O_EXCL | O_RDWR, 0o600)
        guard descriptor >= 0 else {
            throw ChildProcessError(
                executable: executable.path, reason: "cannot create a file for standard input (errno \(errno))")
        }
        unlink(path)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.seek(toOffset: 0)
        } catch {
            try? handle.close()
            throw ChildProcessError(executable: executable.path, reason: "cannot write standard input: \(error)")
        }
        return handle
    }

    /// `name` itself when it holds a slash (relative names against `directory`), else the first executable file
    /// named `name` in the folders of `path` (the parent's `PATH`, plus /usr/sbin and /sbin, when `nil`).
    public static func find(_ name: String, path: String? = nil, relativeTo directory: URL? = nil) -> URL? {
        let fileManager = FileManager.default
        if name.contains("/") {
            let url =
                name.hasPrefix("/") || directory == nil
                ? URL(fileURLWithPath: name) : directory!.appendingPathComponent(name)
            return fileManager.isExecutableFile(atPath: url.path) ? url.standardizedFileURL : nil
        }
        let folders =
            path
            ?? ((ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") + ":/usr/sbin:/sbin")
        for folder in folders.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Runs `body` (a spawn) with no signal blocked on this thread: a child inherits the spawning thread's signal mask,
/// and Dispatch's worker threads (the cooperative pool's among them) block signals, so a child spawned from one would
/// ignore SIGTERM, and a program that waits for a signal (lbzip2's workers) would never wake.
private func withNoSignalBlocked<T>(_ body: () throws -> T) rethrows -> T {
    var nothing = sigset_t()
    var previous = sigset_t()
    sigemptyset(&nothing)
    pthread_sigmask(SIG_SETMASK, &nothing, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}

/// A child process could not be started.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    public let executable: String
    public let reason: String
    public var description: String { "\(executable): \(reason)" }
}

/// One output stream's destination, and for a captured stream the pipe and the thread that drains it.
private final class OpenedOutput: @unchecked Sendable {
    let target: Any
    private let file: FileHandle?
    private let pipe: Pipe?
    // Guarded by `lock`: what the drain thread has read, whether the pipe ended, and the one waiting reader.
    private let lock = NSLock()
    private var data = Data()
    private var finished = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(_ output: ChildProcess.Output, parent: FileHandle, executable: URL) throws {
        switch output {
        case .discard:
            (target, file, pipe) = (FileHandle.nullDevice, nil, nil)
        case .inherit:
            (target, file, pipe) = (parent, nil, nil)
        case .capture:
            let pipe = Pipe()
            (target, file, self.pipe) = (pipe, nil, pipe)
        case .file(let url):
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                let handle = try? FileHandle(forWritingTo: url)
            else {
                throw ChildProcessError(executable: executable.path, reason: "cannot open \(url.path) for its output")
            }
            (target, file, pipe) = (handle, handle, nil)
        }
    }

    /// Reads a captured stream to its end on a thread of its own (blocking reads, kept off the shared pool).
    func startDraining() {
        guard let pipe else { return }
        Thread.detachNewThread { [self] in
            let reader = pipe.fileHandleForReading
            while true {
                let chunk = reader.availableData
                lock.withLock { data.append(chunk) }
                if chunk.isEmpty {
                    finish()
                    return
                }
            }
        }
    }

    func close() { try? file?.close() }

    /// Everything a captured stream carried once its pipe closed, or what arrived within `patience`: a background
    /// grandchild can hold the pipe open long after the child itself has ended.
    func captured(patience: Duration) async -> Data {
        guard pipe != nil else { return Data() }
        let timer = Task {
            try? await Task.sleep(for: patience)
            finish()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = lock.withLock {
                if !finished { waiter = continuation }
                return finished
            }
            if done { continuation.resume() }
        }
        timer.cancel()
        return lock.withLock { data }
    }

    /// The pipe ended or the reader stopped waiting: wake the reader once.
    private func finish() {
        let waiting: CheckedContinuation<Void, Never>? = lock.withLock {
            finished = true
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume()
    }
}

/// The child's exit, handed from `Process`'s termination handler (another thread) to the awaiting task.
private final class ExitSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var exit: (Int32, Bool)?
    private var waiter: CheckedContinuation<(Int32, Bool), Never>?

    func finish(status: Int32, bySignal: Bool) {
        let waiting: CheckedContinuation<(Int32, Bool), Never>? = lock.withLock {
            exit = (status, bySignal)
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: (status, bySignal))
    }

    /// Resumes when the child has ended, even if the awaiting task is cancelled (the child is stopped then).
    func wait() async -> (Int32, Bool) {
        await withCheckedContinuation { continuation in
            let ended: (Int32, Bool)? = lock.withLock {
                if exit == nil { waiter = continuation }
                return exit
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }
}

/// Lets the time limit and cancellation stop a running `Process` from other threads.
private final class RunningChild: @unchecked Sendable {
    private let process: Process
    private let grace: Duration
    private let lock = NSLock()
    private var didTimeOut = false

    init(_ process: Process, grace: Duration) {
        self.process = process
        self.grace = grace
    }

    var timedOut: Bool { lock.withLock { didTimeOut } }
    func markTimedOut() { lock.withLock { didTimeOut = true } }

    /// SIGTERM, then SIGKILL if the child is still running after the grace period. (A child spawned from a
    /// Dispatch thread can inherit SIGTERM blocked; SIGKILL cannot be blocked.) Blocks a Dispatch thread, never
    /// a cooperative one.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }
}
