import AzureBatchKit
import AzureKitCore
import Foundation
import ParquetKit
import SubmitYearsCore
import Testing

/// The embedded default end to end: generated years, the same task specifications as on Azure, run by the
/// local runner as `AirlineAnalytics` processes, one valid Parquet file per year.
@Suite("SubmitYears locally")
struct LocalPathTests {
    @Test("eight years → eight valid Parquet files, progress shown, exit 0")
    func eightYears() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SubmitYearsApp.Options()
        options.localDirectory = directory.path
        options.rowsPerYear = 3_000
        options.jobID = "local-test"
        let (console, captured) = Console.capturing()
        let app = SubmitYearsApp(
            options: options, settings: try AzurePathTests.emptySettings(), console: console,
            taskProgram: try BuiltProducts.executable("AirlineAnalytics"))
        #expect(!app.usesAzure)
        let status = await app.run()
        let text = captured.text
        #expect(status == 0, "\(text)")
        #expect(text.contains("Local mode"))
        #expect(text.contains("8 tasks: 0 waiting, 0 running, 8 done (8 succeeded, 0 failed)"))
        #expect(text.contains("Not applied locally: containerSettings"))
        let results = directory.appendingPathComponent("results")
        #expect(listFiles(results) == (2001...2008).map { "\($0).parquet" })
        for year in 2001...2008 {
            let reader = try ParquetReader(path: results.appendingPathComponent("\(year).parquet").path)
            let columns = try reader.readAllColumns()
            #expect(columns.count == 5)
            #expect(
                reader.metadata.numRows >= 360 && reader.metadata.numRows <= 366,
                "year \(year): \(reader.metadata.numRows) rows")
            #expect(
                reader.schema.columns.map(\.name) == ["Year", "Month", "DayOfMonth", "avg_ArrDelay", "avg_DepDelay"])
            if case .int32(let years)? = columns.first {
                #expect(Set(years) == [Int32(year)])
            } else {
                Issue.record("Year is not an INT32 column")
            }
        }
    }

    @Test("a failing task is reported with its stderr and the exit status is 1")
    func failingTask() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SubmitYearsApp.Options()
        options.localDirectory = directory.path
        options.rowsPerYear = 500
        options.years = try YearSelection(parsing: "2001-2002")
        let (console, captured) = Console.capturing()
        // A stand-in program that fails like a broken image would.
        let script = directory.appendingPathComponent("fail.sh")
        try "#!/bin/sh\necho \"AirlineAnalytics: error: simulated failure for $2\" >&2\nexit 3\n".write(
            to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let app = SubmitYearsApp(
            options: options, settings: try AzurePathTests.emptySettings(), console: console, taskProgram: script)
        let status = await app.run()
        let text = captured.text
        #expect(status == 1)
        #expect(text.contains("airlines2001: FAILED, exit code 3"))
        #expect(text.contains("simulated failure for"))
        #expect(text.contains("2 tasks: 0 waiting, 0 running, 2 done (0 succeeded, 2 failed)"))
    }

    @Test("local and Azure tasks differ only in their input and output")
    func sameTaskSpecification() throws {
        let plan = JobPlan(jobID: "j", image: "r.azurecr.io/a:1")
        let local = plan.task(year: 2007, input: "/data/2007.csv", output: "/out/2007.parquet")
        let remote = plan.task(
            year: 2007, input: "https://a.blob.core.windows.net/c/2007.csv.bz2?sig=x",
            output: "https://a.blob.core.windows.net/c/2007.parquet?sig=y")
        #expect(local.id == remote.id)
        #expect(local.containerSettings == remote.containerSettings)
        #expect(local.constraints == remote.constraints)
        let localWords = try ShellQuoting.split(local.commandLine)
        let remoteWords = try ShellQuoting.split(remote.commandLine)
        #expect(localWords.first == "AirlineAnalytics" && remoteWords.first == "AirlineAnalytics")
        #expect(localWords.count == remoteWords.count)
        #expect(remoteWords[2] == "https://a.blob.core.windows.net/c/2007.csv.bz2?sig=x")
    }
}

extension AzurePathTests {
    static func emptySettings() throws -> AzureSettings { try AzureSettings.load(environment: [:]) }
}
