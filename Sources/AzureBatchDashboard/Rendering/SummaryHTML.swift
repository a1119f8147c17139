/// The summary cards and the stacked progress bar.
enum SummaryHTML {
    static func render(_ summary: JobSummary) -> String {
        func card(_ value: String, _ label: String, _ kind: String = "") -> String {
            "<div class=\"card \(kind)\"><div class=\"value\">\(HTMLText.escape(value))</div><div class=\"label\">\(label)</div></div>"
        }
        var html = "<div class=\"cards\">"
        html += card("\(summary.total)", "tasks")
        html += card("\(summary.active)", "waiting", "active")
        html += card("\(summary.running)", "running", "running")
        html += card("\(summary.succeeded)", "succeeded", "succeeded")
        html += card("\(summary.failed)", "failed", summary.failed > 0 ? "failed" : "")
        html += card(HTMLText.duration(summary.elapsedSeconds), "elapsed")
        html += card(HTMLText.number(summary.recentTasksPerMinute ?? summary.tasksPerMinute), "tasks/min")
        if let rate = summary.inputMBPerSecond { html += card(HTMLText.number(rate), "input MB/s") }
        let eta = summary.isComplete ? "done" : summary.etaSeconds.map(HTMLText.duration) ?? "–"
        html += card(eta, summary.isComplete ? "status" : "ETA")
        html += "</div>"
        let total = Double(max(1, summary.total))
        html += "<div class=\"progress\" title=\"\(summary.completed) of \(summary.total) completed\">"
        for (count, kind) in [
            (summary.succeeded, "succeeded"), (summary.failed, "failed"), (summary.running, "running"),
            (summary.active, "active"),
        ] where count > 0 {
            html +=
                "<span class=\"\(kind)\" style=\"width:\(HTMLText.number(Double(count) / total * 100, 3))%\"></span>"
        }
        html += "</div>"
        return html
    }
}
