/// The task table: one row per task, failed first; each cell carries a `data-sort` key for the page's sorter.
enum TaskTableHTML {
    static let columns: [(key: String, title: String)] = [
        ("id", "Task"), ("status", "State"), ("node", "Node"), ("exit", "Exit"), ("start", "Start (UTC)"),
        ("end", "End (UTC)"), ("duration", "Duration"), ("retries", "Retries"), ("command", "Command line"),
    ]

    static func render(_ rows: [TaskRow]) -> String {
        var html = "<table class=\"tasks sortable\"><thead><tr>"
        for column in columns { html += "<th data-key=\"\(column.key)\">\(column.title)</th>" }
        html += "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let id = HTMLText.escape(row.id)
            html +=
                "<tr class=\"task \(HTMLText.escape(row.status))\" data-task=\"\(id)\" data-status=\"\(HTMLText.escape(row.status))\" data-order=\"\(index)\">"
            html += cell(row.id, sort: row.id)
            let rank = TaskRow.rank(row.status)
            html +=
                "<td data-sort=\"\(rank)\"><span class=\"pill \(HTMLText.escape(row.status))\">\(HTMLText.escape(row.status))</span></td>"
            html += cell(row.nodeID ?? "", sort: row.nodeID ?? "")
            html += cell(row.exitCode.map(String.init) ?? "", sort: row.exitCode.map(String.init) ?? "")
            html += cell(
                row.startTime.map(HTMLText.clock) ?? "",
                sort: row.startTime.map { String($0.timeIntervalSince1970) } ?? "")
            html += cell(
                row.endTime.map(HTMLText.clock) ?? "", sort: row.endTime.map { String($0.timeIntervalSince1970) } ?? "")
            html += cell(
                row.durationSeconds.map(HTMLText.duration) ?? "", sort: row.durationSeconds.map { String($0) } ?? "")
            html += cell("\(row.retryCount)", sort: "\(row.retryCount)")
            let command = row.commandLine ?? ""
            html +=
                "<td class=\"command\" title=\"\(HTMLText.escape(command))\" data-sort=\"\(HTMLText.escape(command))\">\(HTMLText.escape(command))</td>"
            html += "</tr>"
            if let failure = row.failure, row.status == "failed" {
                html +=
                    "<tr class=\"failure\" data-for=\"\(id)\"><td colspan=\"\(columns.count)\">\(HTMLText.escape(failure))</td></tr>"
            }
        }
        html += "</tbody></table>"
        if rows.isEmpty { html += "<p class=\"empty\">No tasks yet.</p>" }
        return html
    }

    static func cell(_ text: String, sort: String) -> String {
        "<td data-sort=\"\(HTMLText.escape(sort))\">\(HTMLText.escape(text))</td>"
    }
}
