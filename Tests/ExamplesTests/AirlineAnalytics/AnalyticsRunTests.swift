import AirlineAggregation
import AirlineAnalyticsCore
import Foundation
import Testing

/// The AirlineAnalytics command's logic in process (what the kernel's former `AnalyticsJob` tests covered): the
/// CSV result and summary for `--output -`, bad rows failing with their line or skipped, unsupported SQL.
@Suite("AirlineAnalytics run in process")
struct AnalyticsRunTests {
    static let header = "Year,Month,DayofMonth,ArrDelay,DepDelay\n"

    static func input(_ text: String) throws -> (URL, DataLocation) {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("in.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (folder, try DataLocation(path))
    }

    @Test func printsTheResultAsCSVAndASummary() async throws {
        let (folder, input) = try Self.input(Self.header + "2007,1,1,3,4\n2007,1,2,NA,1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let printed = Printed()
        var run = AnalyticsRun(
            request: AnalyticsRequest(input: input, output: .standardStream, workers: 1, progress: .none),
            progressOutput: { _ in })
        run.resultOutput = { printed.append($0) }
        let report = try await run.run()
        #expect(
            printed.text == "Year,Month,DayOfMonth,avg_ArrDelay,avg_DepDelay\n2007,1,1,3.0,4.0\n2007,1,2,,1.0\n")
        #expect(report.summaryLine.hasPrefix("rows read 2, skipped 0, groups 2 in "))
    }

    @Test func aBadRowFailsWithItsLineUnlessSkipped() async throws {
        let (folder, input) = try Self.input(Self.header + "2007,1,1,3,4\n2007,1,2,3\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let strict = AnalyticsRun(
            request: AnalyticsRequest(input: input, output: nil, progress: .none), progressOutput: { _ in })
        await #expect {
            _ = try await strict.run()
        } throws: { error in
            let message = AnalyticsFailure(wrapping: error).message
            return message.contains("line 3") && message.contains("malformedRow") && !message.contains("\n")
        }
        let skipping = AnalyticsRun(
            request: AnalyticsRequest(input: input, output: nil, skipMalformed: true, progress: .none),
            progressOutput: { _ in })
        let report = try await skipping.run()
        #expect(report.summary.rowsSkipped == 1)
        #expect(report.summary.rowsRead == 1, "well-formed rows only (AggregationSummary.rowsRead)")
    }

    @Test func unsupportedSQLNamesTheConstruct() async throws {
        let (folder, input) = try Self.input(Self.header + "2007,1,1,3,4\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = AnalyticsRun(
            request: AnalyticsRequest(
                input: input, output: nil, sql: "SELECT Year FROM t GROUP BY Year UNION SELECT 1", progress: .none),
            progressOutput: { _ in })
        await #expect {
            _ = try await run.run()
        } throws: { error in
            let message = AnalyticsFailure(wrapping: error).message
            return message.hasPrefix("--sql: ") && message.contains("UNION")
        }
    }

    /// What the run printed as its result (the callback is `@Sendable`).
    final class Printed: @unchecked Sendable {
        private let lock = NSLock()
        private var value = ""
        var text: String { lock.withLock { value } }
        func append(_ text: String) { lock.withLock { value += text } }
    }
}
