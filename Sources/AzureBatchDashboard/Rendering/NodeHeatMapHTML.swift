/// The node heat map: a legend with counts per state group, then one square per node (inline SVG).
enum NodeHeatMapHTML {
    static let cell = 20.0, gap = 4.0, perRow = 40

    static let labels: [String: String] = [
        "idle": "idle", "running": "running", "starting": "starting", "starttaskfailed": "start task failed",
        "preempted": "preempted", "unusable": "unusable", "offline": "offline", "other": "other",
    ]

    static func render(_ heatMap: NodeHeatMap) -> String {
        var html = "<ul class=\"legend\">"
        for category in NodeHeatMap.categories {
            let count = heatMap.counts[category] ?? 0
            html +=
                "<li class=\"\(count == 0 ? "zero" : "")\"><span class=\"swatch node-\(category)\"></span>\(labels[category] ?? category) <b>\(count)</b></li>"
        }
        html += "</ul>"
        guard !heatMap.cells.isEmpty else { return html + "<p class=\"empty\">No nodes reported.</p>" }
        let columns = min(perRow, heatMap.cells.count)
        let rows = (heatMap.cells.count + perRow - 1) / perRow
        let width = Double(columns) * (cell + gap)
        let height = Double(rows) * (cell + gap)
        html +=
            "<svg class=\"heatmap\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"nodes by state\">"
        for (index, node) in heatMap.cells.enumerated() {
            let x = Double(index % perRow) * (cell + gap)
            let y = Double(index / perRow) * (cell + gap)
            var title = "\(node.nodeID): \(node.state)"
            if node.runningTasks > 0 { title += ", \(node.runningTasks) running" }
            if node.isDedicated == false { title += ", Spot" }
            html +=
                "<rect class=\"node node-\(node.category)\" data-node=\"\(HTMLText.escape(node.nodeID))\" data-state=\"\(HTMLText.escape(node.state))\" "
                + "x=\"\(Int(x))\" y=\"\(Int(y))\" width=\"\(Int(cell))\" height=\"\(Int(cell))\" rx=\"3\"><title>\(HTMLText.escape(title))</title></rect>"
        }
        return html + "</svg>"
    }
}
