import Foundation

/// The self-contained HTML report of a job: the dashboard's summary, task table, timeline, nodes and pool size
/// in one file with inline CSS and SVG, plus the stderr tails of failed tasks. It opens offline, from disk or
/// an email attachment; its only script sorts the table.
///
/// ```swift
/// let html = try await DashboardReport.html(from: LocalJobStateSource(run: run))
/// try DashboardReport.write(html, to: URL(fileURLWithPath: "out/report.html"))
/// ```
public enum DashboardReport {
    /// Reads `source` once and renders its state with the stderr of up to `stderrLimit` failed tasks.
    public static func html(
        from source: any JobStateSource, stderrLimit: Int = 50, stderrBytes: Int = 4096,
        now: Date = Date()
    ) async throws -> String {
        await html(
            state: try await source.refresh(), source: source, stderrLimit: stderrLimit, stderrBytes: stderrBytes,
            now: now)
    }

    /// Renders `state`, reading the stderr of up to `stderrLimit` failed tasks from `source`.
    public static func html(
        state: JobSnapshot, source: any JobStateSource, stderrLimit: Int = 50, stderrBytes: Int = 4096,
        now: Date = Date()
    ) async -> String {
        let view = DashboardView(state: state, now: now)
        var tails: [String: String] = [:]
        for task in view.tasks.filter({ $0.status == "failed" }).prefix(stderrLimit) {
            tails[task.id] =
                (try? await source.stderrTail(task: task.id, maxBytes: stderrBytes)) ?? "(stderr.txt not available)"
        }
        return DashboardPage.report(view, stderrTails: tails)
    }

    /// Writes `html` to `file` through a temporary name and a rename, so nobody opens half a report.
    public static func write(_ html: String, to file: URL) throws {
        let folder = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(html.utf8).write(to: temporary)
            // rename(2) replaces an existing report atomically (FileManager.replaceItemAt does not on Linux).
            guard rename(temporary.path, file.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
