import AzureKitProcess
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real OCI distribution registry (Debian's `docker-registry` package) on 127.0.0.1, started by a test with
/// a generated configuration: storage in a fresh temporary directory, an ephemeral port, no auth, access log
/// on, so tests can count the requests the registry received.
///
/// ```swift
/// guard let registry = try await LocalRegistry.startIfInstalled() else { return }   // says loudly why not
/// defer { registry.stop() }
/// push(to: registry.host)
/// #expect(registry.requests(method: "PATCH").isEmpty)
/// ```
public final class LocalRegistry: @unchecked Sendable {
    public static let executable = "/usr/bin/docker-registry"

    /// `127.0.0.1:<port>`.
    public let host: String
    public let directory: URL
    /// The registry, run as a ``ChildProcess`` awaited in this task: cancelling it stops the registry (SIGTERM, then
    /// SIGKILL), and no test thread ever blocks waiting for it.
    private let running: Task<ChildProcess.Result, any Error>
    private let ended: EndFlag
    private let logURL: URL

    private init(
        host: String, directory: URL, running: Task<ChildProcess.Result, any Error>, ended: EndFlag, logURL: URL
    ) {
        self.host = host
        self.directory = directory
        self.running = running
        self.ended = ended
        self.logURL = logURL
    }

    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Starts a registry, or prints a loud notice and returns `nil` when `docker-registry` is not installed
    /// (`.ci/run` installs it, so CI always runs these tests).
    public static func startIfInstalled(test: String = #function) async throws -> LocalRegistry? {
        guard isInstalled else {
            print(
                "⚠️ SKIPPED \(test): \(executable) is not installed (apt-get install -y docker-registry; .ci/run does this)"
            )
            return nil
        }
        return try await start()
    }

    /// Starts a registry and waits until `GET /v2/` answers.
    public static func start() async throws -> LocalRegistry {
        var lastError: (any Error)?
        // The free port is picked before the registry binds it; another process may take it in between, so try
        // a few ports.
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "registry-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let config = directory.appendingPathComponent("config.yml")
            try """
            version: 0.1
            log: {level: info, accesslog: {disabled: false}}
            storage:
              filesystem: {rootdirectory: \(directory.appendingPathComponent("data").path)}
              delete: {enabled: true}
            http: {addr: 127.0.0.1:\(port)}
            """.write(to: config, atomically: true, encoding: .utf8)
            let logURL = directory.appendingPathComponent("registry.log")
            // The access log and the service log go to different streams: one file each, read together by `log`.
            let child = ChildProcess(
                URL(fileURLWithPath: executable), ["serve", config.path], standardOutput: .file(logURL),
                standardError: .file(Self.errorLog(logURL)))
            let ended = EndFlag()
            let running = Task {
                defer { ended.set() }
                return try await child.run()
            }
            let registry = LocalRegistry(
                host: "127.0.0.1:\(port)", directory: directory, running: running, ended: ended, logURL: logURL)
            do {
                try await registry.waitUntilReady()
                return registry
            } catch {
                lastError = error
                registry.stop()
            }
        }
        throw lastError ?? RegistryStartError(message: "docker-registry did not start")
    }

    /// Stops the registry and deletes its storage.
    /// Stopping does not wait for the registry to exit (a test's `defer` cannot await); the registry is stopped
    /// on Dispatch, and its storage goes with it.
    public func stop() {
        running.cancel()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Everything the registry logged so far.
    public var log: String {
        [logURL, Self.errorLog(logURL)].map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.joined()
    }

    private static func errorLog(_ logURL: URL) -> URL { logURL.appendingPathExtension("stderr") }

    /// Request lines from the access log (`METHOD /path`), optionally only one method and paths containing
    /// `containing`.
    public func requests(method: String? = nil, containing: String = "") -> [String] {
        log.split(separator: "\n").compactMap { line -> String? in
            // Access log: 127.0.0.1 - - [date] "PATCH /v2/app/blobs/uploads/… HTTP/1.1" 202 0 "" "agent"
            guard let open = line.firstIndex(of: "\""), line.contains(" HTTP/1.") else { return nil }
            let request = line[line.index(after: open)...].prefix { $0 != "\"" }
            let parts = request.split(separator: " ")
            guard parts.count >= 2 else { return nil }
            if let method, parts[0] != method { return nil }
            guard containing.isEmpty || parts[1].contains(containing) else { return nil }
            return "\(parts[0]) \(parts[1])"
        }
    }

    private func waitUntilReady() async throws {
        let url = URL(string: "http://\(host)/v2/")!
        for _ in 0..<100 {
            if ended.isSet {
                throw RegistryStartError(message: "docker-registry exited: \(log.suffix(400))")
            }
            if let (_, response) = try? await URLSession.shared.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RegistryStartError(message: "docker-registry did not answer GET /v2/ within 10 s: \(log.suffix(400))")
    }

    /// Set once the registry has exited.
    private final class EndFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var ended = false
        func set() { lock.withLock { ended = true } }
        var isSet: Bool { lock.withLock { ended } }
    }

    /// Binds port 0 on 127.0.0.1, reads the port the kernel chose and releases it.
    static func freeLoopbackPort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw RegistryStartError(message: "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard bound else { throw RegistryStartError(message: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct RegistryStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
