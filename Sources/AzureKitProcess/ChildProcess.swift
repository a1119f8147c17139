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
/// The child is started with `posix_spawn` and reaped by pid (see `ProgramSpawn`), so its exit is reported when it
/// exits, whatever it left running; the time limit and cancellation stop the child, not what it left behind (it stays
/// in the caller's process group, so a Ctrl-C at the terminal still reaches it).
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
        let out = try OpenedOutput(standardOutput, parentDescriptor: STDOUT_FILENO, executable: executable)
        let err = try OpenedOutput(standardError, parentDescriptor: STDERR_FILENO, executable: executable)
        let input = try standardInput.map { try unlinkedFile(holding: $0) }
        defer { try? input?.close() }
        let nothing = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if nothing >= 0 { close(nothing) } }
        let started = ProgramSpawn.start(
            executable.path, arguments: arguments, environment: environment, workingDirectory: workingDirectory?.path,
            streams: .init(input: input?.fileDescriptor ?? nothing, output: out.childEnd, error: err.childEnd))
        // The child has its copies; the pipes end when the child (and whatever it started) closes them.
        out.closeChildEnd()
        err.closeChildEnd()
        let pid: pid_t
        switch started {
        case .success(let started): pid = started
        case .failure(let failure):
            throw ChildProcessError(executable: executable.path, reason: "cannot start: \(failure.reason)")
        }
        out.startDraining()
        err.startDraining()
        let child = RunningChild(pid, grace: killGrace)
        let exit = ExitSignal()
        Thread.detachNewThread {
            let (status, bySignal) = ProgramSpawn.awaitExit(of: pid, ended: child.markEnded)
            exit.finish(status: status, bySignal: bySignal)
        }
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
        let descriptor = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
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

/// A child process could not be started.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    public let executable: String
    public let reason: String
    public var description: String { "\(executable): \(reason)" }
}

/// One output stream's destination, and for a captured stream the pipe and the thread that drains it.
private final class OpenedOutput: @unchecked Sendable {
    /// The descriptor the child gets as this stream.
    let childEnd: Int32
    /// Whether `childEnd` was opened here (and is closed once the child has its copy).
    private let ownsChildEnd: Bool
    private let reader: FileHandle?
    // Guarded by `lock`: what the drain thread has read, whether the pipe ended, and the one waiting reader.
    private let lock = NSLock()
    private var data = Data()
    private var finished = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(_ output: ChildProcess.Output, parentDescriptor: Int32, executable: URL) throws {
        func failed(_ what: String) -> ChildProcessError {
            ChildProcessError(
                executable: executable.path, reason: "\(what): \(String(cString: strerror(errno)))")
        }
        switch output {
        case .discard:
            childEnd = open("/dev/null", O_WRONLY | O_CLOEXEC)
            (ownsChildEnd, reader) = (true, nil)
            guard childEnd >= 0 else { throw failed("cannot open /dev/null") }
        case .inherit:
            (childEnd, ownsChildEnd, reader) = (parentDescriptor, false, nil)
        case .capture:
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { throw failed("cannot create a pipe") }
            // Close-on-exec at once, so no program another thread starts keeps this pipe open.
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            (childEnd, ownsChildEnd) = (ends[1], true)
            reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        case .file(let url):
            childEnd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            (ownsChildEnd, reader) = (true, nil)
            guard childEnd >= 0 else { throw failed("cannot open \(url.path) for its output") }
        }
    }

    func closeChildEnd() { if ownsChildEnd { close(childEnd) } }

    /// Reads a captured stream to its end on a thread of its own (blocking reads, kept off the shared pool).
    func startDraining() {
        guard let reader else { return }
        Thread.detachNewThread { [self] in
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

    /// Everything a captured stream carried once its pipe closed, or what arrived within `patience`: a background
    /// grandchild can hold the pipe open long after the child itself has ended.
    func captured(patience: Duration) async -> Data {
        guard reader != nil else { return Data() }
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

/// Lets the time limit and cancellation stop a running child from other threads.
private final class RunningChild: @unchecked Sendable {
    private let pid: pid_t
    private let grace: Duration
    // Guarded by `lock`. A pid is signalled only while `ended` is false: the child is then alive or a zombie not yet
    // reaped, so the pid cannot belong to another process.
    private let lock = NSLock()
    private var didTimeOut = false
    private var ended = false

    init(_ pid: pid_t, grace: Duration) {
        self.pid = pid
        self.grace = grace
    }

    var timedOut: Bool { lock.withLock { didTimeOut } }
    func markTimedOut() { lock.withLock { didTimeOut = true } }
    @Sendable func markEnded() { lock.withLock { ended = true } }

    /// SIGTERM, then SIGKILL if the child is still running after the grace period. Blocks a Dispatch thread, never
    /// a cooperative one.
    func stop() {
        guard signal(SIGTERM) else { return }
        let deadline = ContinuousClock.now + grace
        while !lock.withLock({ ended }), ContinuousClock.now < deadline { usleep(20_000) }
        _ = signal(SIGKILL)
    }

    /// Sends `number` unless the child has ended; returns whether it was sent.
    private func signal(_ number: Int32) -> Bool {
        lock.withLock {
            guard !ended else { return false }
            return kill(pid, number) == 0
        }
    }
}
