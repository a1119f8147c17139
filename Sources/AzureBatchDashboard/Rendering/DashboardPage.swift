import Foundation

/// The two HTML documents: the live page (an empty shell its script fills from `api/sections`) and the static
/// report (everything inline, including failed tasks' stderr; no network, no external script, font or image).
public enum DashboardPage {
    /// The live page served at `/`.
    static func live(jobID: String, mode: DashboardMode, pollMilliseconds: Int) -> String {
        var body = ""
        for (id, title) in DashboardSections.layout {
            body += "<section><h2>\(title)</h2><div id=\"\(id)\"><p class=\"empty\">Loading…</p></div></section>"
        }
        body +=
            "<section id=\"stderr\"><h2>stderr</h2><p class=\"empty\">Click a failed task to see the end of its stderr.</p></section>"
        return document(
            title: "Job \(jobID)", meta: "\(mode.rawValue) mode", status: "connecting…", body: body,
            script: DashboardScript.sorter + DashboardScript.live(pollMilliseconds: pollMilliseconds))
    }

    /// A self-contained report of `view`, with the stderr tails of failed tasks (task id → text, redacted).
    ///
    /// ```swift
    /// let html = DashboardPage.report(DashboardView(state: state, now: Date()), stderrTails: ["t7": tail])
    /// ```
    public static func report(_ view: DashboardView, stderrTails: [String: String] = [:]) -> String {
        let sections = DashboardSections(view)
        var body = ""
        for (id, title) in DashboardSections.layout {
            body += "<section><h2>\(title)</h2><div id=\"\(id)\">\(sections.sections[id] ?? "")</div></section>"
        }
        let failed = view.tasks.filter { $0.status == "failed" }
        if !failed.isEmpty {
            body += "<section id=\"stderr\"><h2>Failed tasks</h2>"
            for task in failed {
                let tail = stderrTails[task.id].map { $0.isEmpty ? "(empty)" : $0 } ?? "(not read)"
                body += "<details open><summary>\(HTMLText.escape(task.id))"
                if let failure = task.failure { body += " — \(HTMLText.escape(failure))" }
                body += "</summary><pre class=\"stderr\">\(HTMLText.escape(tail))</pre></details>"
            }
            body += "</section>"
        }
        let status = view.summary.isComplete ? "job complete" : "snapshot"
        return document(
            title: "Job \(view.jobID)", meta: "\(view.mode.rawValue) mode · report of \(timestamp(view.generatedAt))",
            status: status, complete: view.summary.isComplete, body: body, script: DashboardScript.sorter)
    }

    static func document(
        title: String, meta: String, status: String, complete: Bool = false, body: String, script: String
    ) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title><style>\(DashboardStyle.css)</style></head>
        <body><header><h1>\(HTMLText.escape(title))</h1><span class="meta">\(HTMLText.escape(meta))</span>
        <span id="status" class="status\(complete ? " complete" : "")">\(HTMLText.escape(status))</span></header>
        <main>\(body)</main>
        <footer>AzureBatchDashboard · times in UTC</footer>
        <script>\(script)</script></body></html>
        """
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
