import AzureBatchDashboard
import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation

/// SubmitYears' live dashboard (with `--dashboard`) and its end-of-job HTML report (always).
///
/// The jobs call ``attach(local:startTime:inputBytes:)`` or ``attach(batch:jobID:poolID:startTime:)`` once
/// their tasks exist; the app calls a `finish` method when the job has ended, which writes the report and keeps
/// the dashboard up for the grace period (or until Ctrl-C with `--dashboard-keep`).
public actor JobMonitor {
    public let settings: DashboardSettings
    let console: Console
    private var source: (any JobStateSource)?
    private(set) var dashboard: Dashboard?

    public init(settings: DashboardSettings, console: Console) {
        self.settings = settings
        self.console = console
    }

    /// The dashboard's address once it serves.
    public var url: URL? { dashboard?.url }

    /// A local run started: its worker slots are the nodes.
    func attach(local run: LocalJobRun, startTime: Date, inputBytes: @escaping @Sendable (String) -> Int64?) async {
        await serve(LocalJobStateSource(run: run, startTime: startTime, inputBytes: inputBytes))
    }

    /// The Azure job's tasks were added. Without `--dashboard` nothing is polled: the report is built from what
    /// the job reads anyway.
    func attach(batch: BatchClient, jobID: String, poolID: String, startTime: Date) async {
        guard settings.port != nil else { return }
        await serve(BatchJobStateSource(client: batch, jobID: jobID, poolID: poolID, startTime: startTime))
    }

    private func serve(_ source: any JobStateSource) async {
        self.source = source
        guard let port = settings.port else { return }
        let configuration = DashboardConfiguration(host: settings.host, port: port)
        if !configuration.isLoopbackOnly {
            console.line(
                "warning: the dashboard listens on \(settings.host), not only on this machine: anyone who can reach it sees task command lines (SAS signatures redacted) and node names"
            )
        }
        do {
            let dashboard = try await Dashboard.start(source: source, configuration: configuration)
            self.dashboard = dashboard
            console.line("Dashboard: \(dashboard.url)")
        } catch {
            console.line("warning: the dashboard did not start on \(settings.host):\(port): \(error)")
        }
    }

    /// Local job ended: writes the report next to the results, then lingers.
    func finishLocal(reportFile: URL) async {
        if let dashboard {
            // The page shows the final state at once, and the report is built from it.
            await write(report: { try await dashboard.report() }, to: reportFile)
        } else if let source {
            await write(report: { try await DashboardReport.html(from: source) }, to: reportFile)
        }
        await linger()
    }

    /// Azure job ended: writes the report (from the dashboard's state when it ran, else from the job's own
    /// reading of its tasks), prints its path, uploads it with `--report-blob`, then lingers.
    func finishAzure(
        jobID: String, poolID: String, outcome: AzureJob.Outcome, progress: TaskProgress?, reportFile: URL,
        upload: (@Sendable (Data, String) async throws -> URL)?
    ) async {
        let tails = Dictionary(
            outcome.tasks.compactMap { task in
                task.stderrTail.map { (task.taskID, Redaction.default.redactURLs(in: $0)) }
            },
            uniquingKeysWith: { first, _ in first })
        let store = dashboard?.store
        let html: @Sendable () async throws -> String = {
            var state: JobSnapshot
            if let store { await store.refresh() }
            if let live = await store?.latest {
                state = live
            } else {
                state = Self.state(jobID: jobID, poolID: poolID, outcome: outcome, progress: progress)
            }
            state.observedAt = Date()
            return DashboardPage.report(DashboardView(state: state, now: Date()), stderrTails: tails)
        }
        guard let written = await write(report: html, to: reportFile) else { return await linger() }
        if let blob = settings.reportBlob, let upload {
            do {
                let url = try await upload(written, blob)
                console.line("Report uploaded to \(url.absoluteString)")
            } catch {
                console.line(
                    "warning: the report was not uploaded to \(blob): \(Redaction.default.redactURLs(in: String(describing: error)))"
                )
            }
        }
        await linger()
    }

    @discardableResult
    private func write(report html: @Sendable () async throws -> String, to file: URL) async -> Data? {
        do {
            let text = try await html()
            try DashboardReport.write(text, to: file)
            console.line("Report: \(file.path)")
            return Data(text.utf8)
        } catch {
            console.line(
                "warning: the report was not written to \(file.path): \(Redaction.default.redactURLs(in: String(describing: error)))"
            )
            return nil
        }
    }

    /// Keeps the dashboard up a few seconds after the job, so an open page shows the end; with
    /// `--dashboard-keep` until Ctrl-C.
    private func linger() async {
        guard let dashboard else { return }
        if settings.keep {
            console.line("Dashboard: still serving \(dashboard.url) — press Ctrl-C to stop")
            await InterruptSignal.wait()
        } else {
            try? await Task.sleep(for: settings.grace)
        }
        await dashboard.stop()
        self.dashboard = nil
    }

    /// The job's final state from ``AzureJob``'s own task listing (no node information).
    static func state(jobID: String, poolID: String, outcome: AzureJob.Outcome, progress: TaskProgress?) -> JobSnapshot
    {
        let tasks = outcome.tasks.map { task in
            TaskRecord(
                id: task.taskID, state: .completed, result: task.succeeded ? .success : .failure,
                exitCode: task.exitCode,
                startTime: task.startTime, endTime: task.endTime, retryCount: task.retryCount ?? 0,
                failure: task.failure.map { Redaction.default.redactURLs(in: $0) })
        }
        let counts =
            progress
            ?? TaskProgress(
                completed: tasks.count, succeeded: tasks.filter(\.succeeded).count,
                failed: tasks.filter(\.failed).count)
        return JobSnapshot(mode: .azure, jobID: jobID, poolID: poolID, observedAt: Date(), counts: counts, tasks: tasks)
    }
}
