import AzureKitCore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A live dashboard for one job, served over HTTP by Hummingbird: the page at `/`, its sections at
/// `/api/sections`, the view model as JSON at `/api/state`, a failed task's stderr at
/// `/api/tasks/{id}/stderr`, and the static report at `/report.html`. Everything the page needs is in the
/// binary: it works without any network but the loopback.
///
/// ```swift
/// let run = LocalBatchRunner(workDirectory: folder).start(job: "airlines", tasks: tasks)
/// let dashboard = try await Dashboard.start(source: LocalJobStateSource(run: run))
/// print("Dashboard: \(dashboard.url)")                       // http://127.0.0.1:<free port>/
/// _ = try await run.report()
/// await dashboard.waitUntilComplete()
/// try await dashboard.writeReport(to: URL(fileURLWithPath: "report.html"))
/// await dashboard.stop()
/// ```
public final class Dashboard: Sendable {
    /// `http://<host>:<port>/`.
    public let url: URL
    public let store: DashboardStore
    public let configuration: DashboardConfiguration
    /// Runs the Hummingbird application; stopped by a graceful shutdown, not by cancelling ``server``: cancelling
    /// while an accepted connection was still queued left NIO an async channel nobody closed, and NIO traps on that
    /// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481).
    private let services: ServiceGroup
    private let server: Task<Void, any Error>

    private init(
        url: URL, store: DashboardStore, configuration: DashboardConfiguration, services: ServiceGroup,
        server: Task<Void, any Error>
    ) {
        self.url = url
        self.store = store
        self.configuration = configuration
        self.services = services
        self.server = server
    }

    /// Starts serving `source` and returns once the port is bound.
    /// - Throws: the server's error when it cannot bind (port in use, unknown host).
    public static func start(
        source: any JobStateSource, configuration: DashboardConfiguration = .init(),
        logger: Logger = Logger(label: "AzureBatchDashboard", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> Dashboard {
        let store = DashboardStore(source: source, refreshInterval: configuration.refreshInterval)
        await store.start()
        let router = DashboardRoutes(store: store, configuration: configuration).router()
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port)
                continuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task {
            defer { continuation.finish() }
            try await services.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next() else {
            await store.stop()
            // The server ended before binding: surface its error.
            try await server.value
            throw AzureClientError(
                .invalidArgument, "the dashboard could not listen on \(configuration.host):\(configuration.port)")
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let url = URL(string: "http://\(host):\(port)/") else {
            await Self.shutDown(services, server)
            await store.stop()
            throw AzureClientError(.invalidArgument, "the dashboard host '\(configuration.host)' does not form a URL")
        }
        return Dashboard(url: url, store: store, configuration: configuration, services: services, server: server)
    }

    /// Returns once every task has completed.
    public func waitUntilComplete() async { await store.waitUntilComplete() }

    /// The report of the latest state: refreshes once, then reads the stderr of up to
    /// ``DashboardConfiguration/reportStderrLimit`` failed tasks (see ``DashboardReport``).
    public func report(now: Date = Date()) async throws -> String {
        await store.refresh()
        guard let state = await store.latest else {
            throw AzureClientError(
                .unexpectedResponse, "no job state to report: \(await store.lastError ?? "nothing read yet")")
        }
        return await DashboardReport.html(
            state: state, source: store.source, stderrLimit: configuration.reportStderrLimit,
            stderrBytes: configuration.stderrBytes, now: now)
    }

    /// Writes ``report(now:)`` to `file` (through a temporary file and a rename).
    public func writeReport(to file: URL) async throws {
        try DashboardReport.write(try await report(), to: file)
    }

    /// Stops the server and the refresh loop.
    public func stop() async {
        await store.stop()
        await Self.shutDown(services, server)
    }

    /// A graceful shutdown (the listener closes, idle connections close, requests in flight finish); a connection
    /// stuck mid-request gets ``shutdownGrace`` before the server task is cancelled, so `stop()` always returns.
    private static func shutDown(_ services: ServiceGroup, _ server: Task<Void, any Error>) async {
        await services.triggerGracefulShutdown()
        let watchdog = Task {
            try await Task.sleep(for: shutdownGrace)
            server.cancel()
        }
        _ = try? await server.value
        watchdog.cancel()
    }

    static let shutdownGrace = Duration.seconds(5)
}
