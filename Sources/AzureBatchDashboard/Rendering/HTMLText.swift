import AzureKitCore
import Foundation

/// Text made safe for HTML bodies and attribute values, and the number and time formats the page uses.
enum HTMLText {
    /// `text` with `& < > " '` escaped (AzureKitCore's XML escaping, valid in HTML5 and SVG): task ids, command
    /// lines and stderr come from outside.
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// `42 s`, `3:07`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let mmss = String(format: "%02d:%02d", minutes, secs)
        return hours > 0 ? "\(hours):\(mmss)" : "\(minutes):\(String(format: "%02d", secs))"
    }

    /// `HH:mm:ss` in UTC.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// A number with at most `digits` decimals and no trailing zeros.
    static func number(_ value: Double, _ digits: Int = 1) -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
