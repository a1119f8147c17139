import AirlineAnalyticsCore
import AzureKitCore

/// Formatting shared by the local and Azure reports.
enum TaskReportPrinter {
    /// Prints a failed task's stderr tail, indented, at most the last 15 lines.
    static func stderrTail(_ text: String, console: Console) {
        let lines = text.split(whereSeparator: \.isNewline).suffix(15)
        guard !lines.isEmpty else {
            console.line("  stderr: (empty)")
            return
        }
        console.line("  stderr (last \(lines.count) lines):")
        for line in lines { console.line("    " + Redaction.scrub(text: String(line))) }
    }
}

/// Seconds with one decimal.
enum ProgressSnapshotFormat {
    static func seconds(_ value: Double) -> String { ProgressSnapshot.decimal(value, 1) }
}

/// `1 task`, `8 tasks`.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
