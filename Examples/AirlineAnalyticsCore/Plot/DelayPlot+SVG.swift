import Foundation

extension DelayPlot {
    /// The chart as an SVG document.
    public func svg(title: String? = nil, width: Int = 960, height: Int = 400) -> String {
        let (left, right, top, bottom) = (64.0, 24.0, 40.0, 48.0)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let values = series.flatMap { $0.points.map(\.value) }
        var low = min(0, values.min() ?? 0)
        var high = max(0, values.max() ?? 1)
        if high - low < 1e-9 { high = low + 1 }
        let step = Self.niceStep((high - low) / 6)
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        let span = max(1, dayCount - 1)
        func x(_ day: Int) -> Double { left + plotWidth * Double(day) / Double(span) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
            <rect x="0" y="0" width="\(width)" height="\(height)" fill="white"/>

            """
        let heading = title ?? "Average delay per day (minutes), from \(Self.date(start))"
        svg +=
            "<text x=\"\(Self.number(left))\" y=\"24\" font-size=\"15\" font-weight=\"bold\">\(Self.escape(heading))</text>\n"
        // Horizontal grid and value labels.
        var tick = low
        while tick <= high + step / 2 {
            let position = Self.number(y(tick))
            let stroke = abs(tick) < step / 2 ? "#888" : "#e5e5e5"
            svg +=
                "<line x1=\"\(Self.number(left))\" y1=\"\(position)\" x2=\"\(Self.number(left + plotWidth))\" y2=\"\(position)\" stroke=\"\(stroke)\"/>\n"
            svg +=
                "<text x=\"\(Self.number(left - 8))\" y=\"\(position)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Self.number(tick))</text>\n"
            tick += step
        }
        // Month labels at each first of the month.
        let firstDay = Self.daysFromCivil(year: start.year, month: start.month, day: start.day) ?? 0
        for offset in 0..<dayCount {
            let date = Self.civil(fromDays: firstDay + offset)
            guard date.day == 1 || offset == 0 else { continue }
            let position = Self.number(x(offset))
            svg +=
                "<line x1=\"\(position)\" y1=\"\(Self.number(top + plotHeight))\" x2=\"\(position)\" y2=\"\(Self.number(top + plotHeight + 5))\" stroke=\"#888\"/>\n"
            svg +=
                "<text x=\"\(position)\" y=\"\(Self.number(top + plotHeight + 18))\" text-anchor=\"middle\">\(Self.monthNames[date.month - 1])\(date.month == 1 || offset == 0 ? " \(date.year)" : "")</text>\n"
        }
        svg +=
            "<rect x=\"\(Self.number(left))\" y=\"\(Self.number(top))\" width=\"\(Self.number(plotWidth))\" height=\"\(Self.number(plotHeight))\" fill=\"none\" stroke=\"#888\"/>\n"
        for (index, line) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let points = line.points.map { "\(Self.number(x($0.day))),\(Self.number(y($0.value)))" }.joined(
                separator: " ")
            svg +=
                "<polyline data-series=\"\(Self.escape(line.name))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points)\"/>\n"
            let legendY = Self.number(top + 14 + Double(index) * 16)
            let legendX = left + plotWidth - 150
            svg +=
                "<line x1=\"\(Self.number(legendX))\" y1=\"\(legendY)\" x2=\"\(Self.number(legendX + 20))\" y2=\"\(legendY)\" stroke=\"\(color)\" stroke-width=\"3\"/>\n"
            svg +=
                "<text x=\"\(Self.number(legendX + 26))\" y=\"\(legendY)\" dominant-baseline=\"middle\">\(Self.escape(line.name))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= raw { return magnitude * factor }
        return magnitude * 10
    }

    /// Coordinates with at most two decimals, dot as separator whatever the locale.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return ProgressSnapshot.fixed(rounded, 2)
    }

    static func date(_ value: (year: Int, month: Int, day: Int)) -> String {
        let two = { (number: Int) in number < 10 ? "0\(number)" : "\(number)" }
        return "\(value.year)-\(two(value.month))-\(two(value.day))"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
