/// Pool size over time as inline SVG: current nodes (solid), target (dashed), autoscale formula target (dotted).
enum PoolSizeSVG {
    static let width = 1000.0, height = 160.0, left = 40.0, bottom = 22.0, top = 8.0

    static func render(_ series: PoolSizeSeries) -> String {
        guard !series.points.isEmpty else { return "<p class=\"empty\">No pool size reading yet.</p>" }
        let plotWidth = width - left - 10
        let plotHeight = height - bottom - top
        func x(_ seconds: Double) -> Double { left + seconds / series.span * plotWidth }
        func y(_ nodes: Int) -> Double { top + plotHeight - Double(nodes) / Double(series.maxNodes) * plotHeight }
        /// A step line: the value holds until the next reading, and the last one until now.
        func path(_ value: (PoolSizeSeries.Point) -> Int?) -> String? {
            var commands: [String] = []
            var previous: Int?
            for point in series.points {
                guard let current = value(point) else { continue }
                if let previous {
                    commands.append("L\(f(x(point.time))),\(f(y(previous)))")
                    commands.append("L\(f(x(point.time))),\(f(y(current)))")
                } else {
                    commands.append("M\(f(x(point.time))),\(f(y(current)))")
                }
                previous = current
            }
            guard let previous else { return nil }
            commands.append("L\(f(x(series.span))),\(f(y(previous)))")
            return commands.joined(separator: " ")
        }
        var svg =
            "<svg class=\"poolsize\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"pool size over time\">"
        for nodes in Set([0, series.maxNodes / 2, series.maxNodes]).sorted() {
            svg +=
                "<line class=\"tick\" x1=\"\(f(left))\" x2=\"\(f(width - 10))\" y1=\"\(f(y(nodes)))\" y2=\"\(f(y(nodes)))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(f(left - 6))\" y=\"\(f(y(nodes) + 4))\" text-anchor=\"end\">\(nodes)</text>"
        }
        for tick in TimelineSVG.ticks(span: series.span) {
            svg +=
                "<text class=\"axis\" x=\"\(f(x(tick)))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(HTMLText.duration(tick))</text>"
        }
        let lines: [(String, (PoolSizeSeries.Point) -> Int?)] = [
            ("autoscale", \.autoscaleTarget), ("target", \.target), ("current", { $0.current }),
        ]
        for (kind, value) in lines {
            if let d = path(value) {
                svg += "<path class=\"series \(kind)\" d=\"\(d)\"><title>\(kind) nodes</title></path>"
            }
        }
        svg +=
            "</svg><ul class=\"legend\"><li><span class=\"line current\"></span>current nodes \(series.points.last.map { "<b>\($0.current)</b>" } ?? "")</li>"
        svg +=
            "<li><span class=\"line target\"></span>target \(series.points.last?.target.map { "<b>\($0)</b>" } ?? "–")</li>"
        if series.points.contains(where: { $0.autoscaleTarget != nil }) {
            svg +=
                "<li><span class=\"line autoscale\"></span>autoscale formula target \(series.points.last?.autoscaleTarget.map { "<b>\($0)</b>" } ?? "–")</li>"
        }
        return svg + "</ul>"
    }

    static func f(_ value: Double) -> String { HTMLText.number(value, 1) }
}
