import AzureBatchKit
import AzureKitTesting
import Foundation
import Testing

@testable import AzureBatchDashboard

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The dashboard server in Azure mode, fed by the loopback Batch server: what the page, the JSON and the report
/// show, and that no signature reaches them.
@Suite("Dashboard server (Azure mode)")
struct DashboardServerTests {
    @Test("node and task states from the fixture appear on the page; SAS signatures never do")
    func azurePage() async throws {
        let server = try await LoopbackServer(fixture: DashboardFixtures.azure())
        let clock = ManualClock(origin: DashboardFixtures.t0)
        let source = try DashboardFixtures.azureSource(server, clock: clock)
        let dashboard = try await Dashboard.start(
            source: source, configuration: .init(refreshInterval: .milliseconds(50)))
        var served = ""
        do {
            #expect(dashboard.url.host == "127.0.0.1" && dashboard.url.port != 0)
            let page = try await fetch(dashboard.url)
            #expect(page.status == 200)
            served += page.body
            // The first reading arrives on the store's first refresh.
            var sections = ""
            for _ in 0..<100 {
                sections = try await fetch(dashboard.url.appendingPathComponent("api/sections")).body
                if sections.contains("airlines2003") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            served += sections
            let decoded = try JSONDecoder().decode(DashboardSections.self, from: Data(sections.utf8))
            #expect(!decoded.complete)
            let nodes = try #require(decoded.sections["nodes"])
            for state in ["preempted", "starttaskfailed", "waitingforstarttask", "unusable", "running", "idle"] {
                #expect(nodes.contains("data-state=\"\(state)\""), "node state \(state) missing")
            }
            #expect(
                nodes.contains("start task failed <b>1</b>") && nodes.contains("starting <b>1</b>")
                    && nodes.contains("running <b>3</b>"))
            let tasks = try #require(decoded.sections["tasks"])
            for status in ["failed", "running", "active", "succeeded"] {
                #expect(tasks.contains("data-status=\"\(status)\""))
            }
            #expect(tasks.components(separatedBy: "<tr class=\"task ").count - 1 == 8)
            #expect(
                tasks.range(of: "data-task=\"airlines2003\"")!.lowerBound
                    < tasks.range(of: "data-task=\"airlines2004\"")!.lowerBound)
            #expect(try #require(decoded.sections["pool"]).contains("autoscale formula target <b>6</b>"))
            #expect(
                try #require(decoded.sections["timeline"]).contains("class=\"bar failed\" data-task=\"airlines2003\""))

            let json = try await fetch(dashboard.url.appendingPathComponent("api/state"))
            #expect(json.status == 200)
            served += json.body
            let view = try Self.decoder.decode(DashboardView.self, from: Data(json.body.utf8))
            #expect(view.summary.total == 8 && view.summary.failed == 1 && view.heatMap.counts["preempted"] == 1)

            let stderr = try await fetch(dashboard.url.appendingPathComponent("api/tasks/airlines2003/stderr"))
            #expect(stderr.status == 200 && stderr.body.contains("CRC mismatch"))
            served += stderr.body

            let report = try await fetch(dashboard.url.appendingPathComponent("report.html"))
            #expect(report.status == 200 && report.body.contains("<details open><summary>airlines2003"))
            served += report.body

            #expect(!served.contains("NOT-A-REAL-SIGNATURE"))
            #expect(served.contains("sig=REDACTED"))
            let unknown = try await fetch(dashboard.url.appendingPathComponent("api/nothing"))
            #expect(unknown.status == 404)
            let requests = server.requestCount
            let stranger = try await fetch(dashboard.url.appendingPathComponent("api/tasks/not-a-task/stderr"))
            #expect(stranger.status == 404 && server.requestCount == requests)
        } catch {
            await dashboard.stop()
            await server.shutdown()
            throw error
        }
        await dashboard.stop()
        await server.shutdown()
        await #expect(throws: (any Error).self) { try await fetch(dashboard.url) }
    }

    @Test("two dashboards on port 0 get different ports; a port in use is an error")
    func ports() async throws {
        let state = JobSnapshot(
            mode: .local, jobID: "j", observedAt: Date(), counts: TaskCounts(completed: 1, succeeded: 1))
        let first = try await Dashboard.start(source: FixedSource(state: state))
        let second = try await Dashboard.start(source: FixedSource(state: state))
        #expect(first.url.port != second.url.port)
        await #expect(throws: (any Error).self) {
            let clash = try await Dashboard.start(
                source: FixedSource(state: state), configuration: .init(port: first.url.port!))
            await clash.stop()
        }
        await first.stop()
        await second.stop()
    }

    /// `stop()` with connections just accepted, idle, or stuck in the middle of a request: it returns (a stuck one
    /// gets the grace period), and the process survives. Cancelling the server task instead trapped in NIO when an
    /// accepted connection was still queued ("Deinited NIOAsyncWriter without calling finish()").
    @Test("stop() returns with connections just opened, idle or half-sent, and nothing traps")
    func stopWithOpenConnections() async throws {
        let state = JobSnapshot(
            mode: .local, jobID: "j", observedAt: Date(), counts: TaskCounts(completed: 1, succeeded: 1))
        for round in 0..<12 {
            let dashboard = try await Dashboard.start(source: FixedSource(state: state))
            let port = UInt16(dashboard.url.port!)
            var sockets = [RawSocket]()
            if round % 3 == 0 { _ = try await fetch(dashboard.url.appendingPathComponent("api/state")) }
            for index in 0..<4 {
                let socket = try RawSocket(connectingTo: port)
                if index == 1 { socket.send("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n") }  // never finished
                sockets.append(socket)
            }
            let started = ContinuousClock.now
            await dashboard.stop()
            #expect(ContinuousClock.now - started < Dashboard.shutdownGrace + .seconds(20))
            #expect(throws: (any Error).self) { try RawSocket(connectingTo: port) }
            sockets.forEach { $0.close() }
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// A source that always answers the same state.
struct FixedSource: JobStateSource {
    let state: JobSnapshot
    func refresh() async throws -> JobSnapshot { state }
    func stderrTail(task taskID: String, maxBytes: Int) async throws -> String { "stderr of \(taskID)" }
}

extension DashboardServerTests {
    @Test(
        "on loopback, a request naming another host is refused (DNS rebinding)",
        arguments: [
            ("127.0.0.1:8080", true), ("localhost", true), ("[::1]:9", true), ("LOCALHOST:1", true),
            ("evil.example:8080", false), ("127.0.0.1.evil.example", false), (nil, false),
        ] as [(String?, Bool)])
    func hostCheck(authority: String?, allowed: Bool) {
        #expect(DashboardConfiguration.isLoopbackAuthority(authority) == allowed)
    }

    @Test("the server answers 403 to a foreign Host header")
    func foreignHost() async throws {
        let state = JobSnapshot(
            mode: .local, jobID: "j", observedAt: Date(), counts: TaskCounts(completed: 1, succeeded: 1))
        let dashboard = try await Dashboard.start(source: FixedSource(state: state))
        var request = URLRequest(url: dashboard.url.appendingPathComponent("api/state"))
        request.setValue("rebound.example:\(dashboard.url.port!)", forHTTPHeaderField: "Host")
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 403)
        #expect(try await fetch(dashboard.url.appendingPathComponent("api/state")).status == 200)
        await dashboard.stop()
    }
}

/// A plain TCP client to 127.0.0.1: connects, sends bytes as they are, never reads.
final class RawSocket {
    let descriptor: Int32

    init(connectingTo port: UInt16) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Foundation.close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    func close() { Foundation.close(descriptor) }
}
