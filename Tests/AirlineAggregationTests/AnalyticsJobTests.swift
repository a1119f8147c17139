import Foundation
import Testing

@testable import AirlineAggregation

@Suite("AirlineAnalytics command logic")
struct AnalyticsJobTests {
    static func temporaryCSV(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("job-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func printsTheResultAndASummary() async throws {
        let path = try Self.temporaryCSV("Year,Month,DayofMonth,ArrDelay,DepDelay\n2007,1,1,3,4\n2007,1,2,NA,1\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = await AnalyticsJob(input: path, output: "-", workers: 1).run()
        #expect(outcome.exitCode == 0)
        #expect(outcome.errorLine == nil)
        #expect(
            Array(outcome.lines.prefix(3)) == [
                "Year,Month,DayOfMonth,avg_ArrDelay,avg_DepDelay", "2007,1,1,3.0,4.0", "2007,1,2,,1.0",
            ])
        #expect(outcome.lines.last?.hasPrefix("rows read 2, skipped 0, groups 2,") == true)
    }

    @Test func badInputExitsNonZeroWithOneLine() async throws {
        let path = try Self.temporaryCSV("Year,Month,DayofMonth,ArrDelay,DepDelay\n2007,1,1,3\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = await AnalyticsJob(input: path, output: "-").run()
        #expect(outcome.exitCode == 1)
        #expect(outcome.errorLine?.contains("line 2") == true)
        #expect(outcome.errorLine?.contains("malformedRow") == true)
        #expect(outcome.errorLine?.contains("\n") == false)
        let skipping = await AnalyticsJob(input: path, output: "-", skipMalformed: true).run()
        #expect(skipping.exitCode == 0)
        #expect(skipping.lines.last?.contains("skipped 1") == true)
    }

    @Test func unsupportedSQLAndCodecAreUsageErrors() async {
        let sql = await AnalyticsJob(input: "x.csv", output: "-", sql: "SELECT DISTINCT Year FROM t GROUP BY Year")
            .run()
        #expect(sql.exitCode == 64)
        #expect(sql.errorLine?.contains("DISTINCT") == true)
        let codec = await AnalyticsJob(input: "x.csv", output: "o.parquet", codec: .init(rawValue: "lz4")).run()
        #expect(codec.exitCode == 64)
        #expect(codec.errorLine?.contains("lz4") == true)
    }

    @Test func missingOutputFolderFailsBeforeReading() async {
        let outcome = await AnalyticsJob(input: "/nonexistent/in.csv", output: "/nonexistent-dir/out.parquet").run()
        #expect(outcome.exitCode == 1)
        #expect(outcome.errorLine?.contains("outputUnwritable") == true)
    }
}
