/// The Gantt chart as inline SVG: a lane per node, a bar per task, a time axis in minutes.
enum TimelineSVG {
    static let width = 1000.0, labelWidth = 130.0, laneHeight = 22.0, axisHeight = 24.0

    static func render(_ timeline: TaskTimeline) -> String {
        guard !timeline.bars.isEmpty else { return "<p class=\"empty\">No task has started yet.</p>" }
        let plot = width - labelWidth - 10
        let height = Double(timeline.lanes.count) * laneHeight + axisHeight
        func x(_ seconds: Double) -> Double { labelWidth + seconds / timeline.span * plot }
        var svg =
            "<svg class=\"timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"task timeline\">"
        for (index, lane) in timeline.lanes.enumerated() {
            let y = Double(index) * laneHeight
            svg += "<rect class=\"lane\" x=\"0\" y=\"\(f(y))\" width=\"\(Int(width))\" height=\"\(f(laneHeight))\"/>"
            svg +=
                "<text class=\"lane-label\" x=\"4\" y=\"\(f(y + laneHeight * 0.68))\">\(HTMLText.escape(lane))</text>"
        }
        for tick in ticks(span: timeline.span) {
            let tx = x(tick)
            svg +=
                "<line class=\"tick\" x1=\"\(f(tx))\" x2=\"\(f(tx))\" y1=\"0\" y2=\"\(f(height - axisHeight + 4))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(f(tx))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(HTMLText.duration(tick))</text>"
        }
        for bar in timeline.bars {
            let y = Double(bar.lane) * laneHeight + 3
            let barWidth = max(2, x(bar.end) - x(bar.start))
            let title =
                "\(bar.taskID): \(bar.outcome), \(HTMLText.duration(bar.end - bar.start)) from +\(HTMLText.duration(bar.start))"
            svg +=
                "<rect class=\"bar \(bar.outcome)\" data-task=\"\(HTMLText.escape(bar.taskID))\" x=\"\(f(x(bar.start)))\" y=\"\(f(y))\" "
                + "width=\"\(f(barWidth))\" height=\"\(f(laneHeight - 6))\" rx=\"3\"><title>\(HTMLText.escape(title))</title></rect>"
        }
        return svg + "</svg>"
    }

    /// About five round tick positions (seconds) across `span`.
    static func ticks(span: Double) -> [Double] {
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400]
        let step = steps.first { span / $0 <= 6 } ?? span / 5
        return stride(from: 0, through: span, by: step).map { $0 }
    }

    static func f(_ value: Double) -> String { HTMLText.number(value, 1) }
}
