import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a program with `posix_spawn` and reaps it on a thread of its own.
///
/// Foundation's `Process` on Linux learns of a child's exit through a socket the child inherits, so it reports the
/// exit only once every process holding that socket has ended: a daemon the child left behind, or an unrelated
/// program another thread started at the same moment, kept a finished child "running" for as long as they lived.
/// Here the exit comes from `waitid`/`waitpid` on the child's pid, and nothing of the child's leaks elsewhere: every
/// descriptor this module opens is close-on-exec, and the child gets only its three standard streams.
enum ProgramSpawn {
    /// The descriptors (of this process) that become the child's standard input, output and error.
    struct Streams {
        var input: Int32
        var output: Int32
        var error: Int32
    }

    /// Starts `executable`; returns its pid or the `errno` of the failure (`ENOENT`, `EACCES`, …).
    ///
    /// The child starts with no signal blocked and every signal at its default action: a child spawned from a
    /// Dispatch thread would otherwise inherit that thread's blocked signals (and ignore SIGTERM), and one spawned
    /// by a process that ignores SIGPIPE (SwiftNIO does) would inherit that too.
    static func start(
        _ executable: String, arguments: [String], environment: [String: String]?, workingDirectory: String?,
        streams: Streams
    ) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [(streams.input, 0), (streams.output, 1), (streams.error, 2)] as [(Int32, Int32)] {
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }
        if let closeFrom = Extensions.addClosefrom { _ = closeFrom(&actions, 3) }
        if let workingDirectory {
            guard let addChdir = Extensions.addChdir else { return .failure(.noWorkingDirectorySupport) }
            let status = addChdir(&actions, workingDirectory)
            guard status == 0 else { return .failure(.errno(status)) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStrings([executable] + arguments)
        let environment = environment ?? ProcessInfo.processInfo.environment
        let envp = CStrings(environment.map { "\($0.key)=\($0.value)" })
        var pid = pid_t()
        let status = withExtendedLifetime((argv, envp)) {
            posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
        }
        return status == 0 ? .success(pid) : .failure(.errno(status))
    }

    /// Blocks until `pid` has ended: calls `ended` once the child is a zombie (not yet reaped, so its pid cannot be
    /// reused while a stop is signalling it), then reaps it and returns its status. Run on a thread of its own.
    static func awaitExit(of pid: pid_t, ended: () -> Void) -> (status: Int32, bySignal: Bool) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        ended()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which are macros C does not export to Swift.
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, false) : (signal, true)
    }

    /// Why a program could not be started.
    enum SpawnFailure: Error {
        case errno(Int32)
        case noWorkingDirectorySupport

        var reason: String {
            switch self {
            case .errno(let code): String(cString: strerror(code))
            case .noWorkingDirectorySupport:
                "this C library cannot set a child's working directory (posix_spawn_file_actions_addchdir_np)"
            }
        }
    }

    /// glibc's `_np` file actions, looked up at run time: Swift's Glibc module does not declare them, and a C library
    /// older than glibc 2.29 (chdir) or 2.34 (closefrom) does not have them.
    private enum Extensions {
        typealias AddChdir =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>)
            -> Int32
        typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
        static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

        private static func symbol<T>(_ name: String) -> T? {
            dlsym(dlopen(nil, RTLD_NOW), name).map { unsafeBitCast($0, to: T.self) }
        }
    }

    /// A NULL-terminated array of C strings that lives as long as this value.
    private final class CStrings {
        let pointers: [UnsafeMutablePointer<CChar>?]

        init(_ strings: [String]) { pointers = strings.map { strdup($0) } + [nil] }
        deinit { for pointer in pointers { free(pointer) } }
    }
}
