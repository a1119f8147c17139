import AzureBatchDashboard
import Foundation
import SubmitYearsCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `SubmitYears --dashboard` end to end: the local job's eight tasks run while the test reads the dashboard over
/// HTTP; then the report is checked. The browser test drives the same page with headless Chromium.
@Suite("SubmitYears --dashboard", .serialized)
struct DashboardRunTests {
    /// A running local SubmitYears with its dashboard on a free port.
    struct Run {
        let app: Task<Int32, Never>
        let captured: CapturedText
        let directory: URL
        let url: URL
    }

    static func start(rows: Int = 20_000, grace: Duration = .seconds(3)) async throws -> Run {
        let directory = try temporaryDirectory()
        var options = SubmitYearsApp.Options()
        options.localDirectory = directory.path
        options.rowsPerYear = rows
        options.jobID = "dashboard-test"
        options.dashboard = DashboardSettings(port: 0, grace: grace)
        let (console, captured) = Console.capturing()
        let app = SubmitYearsApp(
            options: options, settings: try AzurePathTests.emptySettings(), console: console,
            taskProgram: try BuiltProducts.executable("AirlineAnalytics"))
        let task = Task { await app.run() }
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let line = captured.text.split(separator: "\n").first(where: { $0.hasPrefix("Dashboard: http://") }),
                let url = URL(string: String(line.dropFirst("Dashboard: ".count)))
            {
                return Run(app: task, captured: captured, directory: directory, url: url)
            }
            if captured.text.contains("error:") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        throw ProcessFailure("no dashboard URL was printed:\n\(captured.text)")
    }

    static func get(_ url: URL) async throws -> String {
        let (data, response) = try await URLSession.shared.data(from: url)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw ProcessFailure("GET \(url) answered \(status)") }
        return String(decoding: data, as: UTF8.self)
    }

    @Test(
        "the JSON endpoint follows the eight tasks to completion; nothing served carries a signature; the report is written"
    )
    func followsTheJob() async throws {
        let run = try await Self.start()
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.url.host == "127.0.0.1")
        var served = try await Self.get(run.url)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var seen: [DashboardView] = []
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            let body = try await Self.get(run.url.appendingPathComponent("api/state"))
            served += body
            let view = try decoder.decode(DashboardView.self, from: Data(body.utf8))
            seen.append(view)
            if view.summary.isComplete { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        served += try await Self.get(run.url.appendingPathComponent("api/sections"))
        let final = try #require(seen.last)
        #expect(final.summary.isComplete, "the job did not complete: \(run.captured.text)")
        #expect(final.summary.total == 8 && final.summary.succeeded == 8 && final.summary.failed == 0)
        #expect(final.tasks.map(\.status) == Array(repeating: "succeeded", count: 8))
        #expect(final.heatMap.cells.count == ProcessInfo.processInfo.activeProcessorCount)
        #expect(final.timeline.bars.count == 8)
        #expect(seen.allSatisfy { $0.summary.total == 8 })
        #expect(!served.contains("sig="))
        let status = await run.app.value
        #expect(status == 0, "\(run.captured.text)")
        let reportFile = run.directory.appendingPathComponent("report.html")
        #expect(FileManager.default.fileExists(atPath: reportFile.path), "\(run.captured.text)")
        let report = try String(contentsOf: reportFile, encoding: .utf8)
        #expect(report.components(separatedBy: "data-status=\"succeeded\"").count - 1 == 8)
        #expect(!report.contains("src=") && !report.contains("sig="))
        #expect(run.captured.text.contains("Report: \(run.directory.appendingPathComponent("report.html").path)"))
        // After the grace period the server is gone.
        await #expect(throws: (any Error).self) { _ = try await Self.get(run.url) }
    }

    @Test(
        "--dashboard takes an optional port",
        arguments: [
            (["--dashboard"], ["--dashboard", "0"]),
            (["--dashboard", "--local"], ["--dashboard", "0", "--local"]),
            (["--dashboard", "8080", "--local"], ["--dashboard", "8080", "--local"]),
            (["--dashboard=9000"], ["--dashboard=9000"]),
        ])
    func optionalPort(arguments: [String], normalized: [String]) throws {
        #expect(DashboardOptions.normalize(arguments) == normalized)
        let command = try SubmitYearsCommand.parse(normalized)
        #expect(command.dashboard.port != nil)
        #expect(command.appOptions.dashboard.host == "127.0.0.1")
    }

    @Test("dashboard options are validated")
    func validation() {
        #expect(throws: (any Error).self) { try SubmitYearsCommand.parse(["--dashboard-keep"]) }
        #expect(throws: (any Error).self) { try SubmitYearsCommand.parse(["--dashboard-host", "0.0.0.0"]) }
        #expect(throws: (any Error).self) { try SubmitYearsCommand.parse(["--dashboard", "70000"]) }
        #expect(throws: (any Error).self) { try SubmitYearsCommand.parse(["--report-blob", "/abs.html"]) }
    }
}
