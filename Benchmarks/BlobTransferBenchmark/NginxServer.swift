import ArgumentParser
import AzureKitCore
import Foundation

/// A private nginx (foreground, single process) serving `root` on 127.0.0.1 and a free port; logs and pid
/// stay in `root`.
///
/// It runs as a ``ChildProcess`` awaited in a task, and ``stop()`` cancels that task (SIGTERM, then SIGKILL).
/// Spawned with `Process` from a pool thread, nginx inherited the thread's blocked signals, ignored SIGTERM and
/// left `versus-curl` waiting in `waitUntilExit()` for ever after its last measurement (the "nginx hang").
final class NginxServer: Sendable {
    let port: Int
    private let running: Task<ChildProcess.Result, any Error>

    init(binary: String, root: URL) async throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("nginx not found at \(binary): apt-get install -y nginx-light")
        }
        port = try Self.freePort()
        let config = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(root.path)/nginx.pid;
            error_log \(root.path)/error.log;
            events { worker_connections 256; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 100000;
                client_body_temp_path \(root.path);
                proxy_temp_path \(root.path);
                fastcgi_temp_path \(root.path);
                uwsgi_temp_path \(root.path);
                scgi_temp_path \(root.path);
                server {
                    listen 127.0.0.1:\(port);
                    root \(root.path);
                }
            }
            """
        let configURL = root.appendingPathComponent("nginx.conf")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        let child = ChildProcess(
            URL(fileURLWithPath: binary), ["-p", root.path, "-c", configURL.path, "-e", "\(root.path)/error.log"],
            standardOutput: .discard, standardError: .discard)
        running = Task { try await child.run() }
        for _ in 0..<100 where !Self.accepts(port: port) { try await Task.sleep(for: .milliseconds(50)) }
        guard Self.accepts(port: port) else {
            await stop()
            throw ValidationError("nginx did not start; see \(root.path)/error.log")
        }
    }

    /// Stops nginx and waits until it has exited.
    func stop() async {
        running.cancel()
        _ = try? await running.value
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else { throw ValidationError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}
