import AirlineAggregation
import AzureBatchKit
import Foundation
import ParquetKit
import SubmitYearsCore
import SyntheticAirlineData
import Testing

/// `SubmitYears --one-answer` locally: the planner's map and merge tasks run through the local runner in
/// dependency order. A stand-in `AirlineAnalytics` (a shell script that follows the map/merge command-line
/// contract) proves the graph, ordering, retries and blocking without the kernel; the real end-to-end test runs
/// the kernel's own map and merge once it has them.
@Suite("SubmitYears --one-answer locally")
struct OneAnswerTests {
    /// A stand-in for `AirlineAnalytics map|merge`: a map task writes "<input> <range>" as its partial result;
    /// the merge refuses anything but exactly `--expect` partials and concatenates them. `failing` names an
    /// `<input file name>:<range start>` that fails every time, `flaky` one that fails on its first attempt only.
    static func standIn(in directory: URL, failing: String? = nil, flaky: String? = nil) throws -> URL {
        let script = directory.appendingPathComponent("stand-in.sh")
        let text = """
            \(StandInScript.prologue)
            case "$role" in
              map)
                [ -r "$input" ] || { echo "stand-in: cannot read $input" >&2; exit 66; }
                key="$(basename "$input"):${range%%-*}"
                if [ "$key" = "\(failing ?? "-")" ]; then echo "stand-in: simulated failure reading $key" >&2; exit 3; fi
                if [ "$key" = "\(flaky ?? "-")" ] && [ ! -e "$partial.failed-once" ]; then
                  touch "$partial.failed-once"; echo "stand-in: transient failure" >&2; exit 1
                fi
                echo "$(basename "$input") $range" > "$partial.tmp" && mv "$partial.tmp" "$partial" ;;
              merge)
                found=$(ls "$partials" | grep -c '\\.partial\\.parquet$')
                [ "$found" -eq "$expect" ] || { echo "stand-in: expected $expect partial results, found $found" >&2; exit 65; }
                cat "$partials"/*.partial.parquet > "$output.tmp" && mv "$output.tmp" "$output" ;;
              *) echo "stand-in: unknown role $role" >&2; exit 64 ;;
            esac
            """
        return try StandInScript.write(text, to: script)
    }

    static func app(
        directory: URL, program: URL, years: String = "2001-2003", bytesPerTask: Int64 = 40_000,
        parallelism: Int = 2
    ) throws -> (SubmitYearsApp, CapturedText) {
        var options = SubmitYearsApp.Options()
        options.localDirectory = directory.path
        options.rowsPerYear = 1_000
        options.years = try YearSelection(parsing: years)
        options.jobID = "one-answer-test"
        options.oneAnswer = true
        options.bytesPerTask = bytesPerTask
        options.localParallelism = parallelism
        let (console, captured) = Console.capturing()
        return (
            SubmitYearsApp(
                options: options, settings: try AzurePathTests.emptySettings(), console: console, taskProgram: program),
            captured
        )
    }

    /// The map tasks' ranges, read back from the stand-in's merged output: per input, contiguous from 0 to its size.
    static func checkCoverage(_ merged: String, directory: URL, years: ClosedRange<Int>) throws {
        var ranges: [String: [(Int64, Int64)]] = [:]
        for line in merged.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let bounds = try #require(parts.count == 2 ? parts[1].split(separator: "-").compactMap { Int64($0) } : nil)
            ranges[String(parts[0]), default: []].append((bounds[0], bounds[1]))
        }
        #expect(Set(ranges.keys) == Set(years.map { "\($0).csv" }))
        for (file, pieces) in ranges {
            let size = try #require(
                try FileManager.default.attributesOfItem(
                    atPath: directory.appendingPathComponent("input/\(file)").path)[.size] as? NSNumber
            ).int64Value
            let sorted = pieces.sorted { $0.0 < $1.0 }
            #expect(sorted.first?.0 == 0 && sorted.last?.1 == size, "\(file): \(sorted)")
            #expect(
                zip(sorted, sorted.dropFirst()).allSatisfy { $0.1 == $1.0 }, "\(file): gaps or overlaps in \(sorted)")
        }
    }

    @Test("map tasks over byte ranges, then one merge of exactly their partials")
    func standInGraph() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (app, captured) = try Self.app(directory: directory, program: try Self.standIn(in: directory))
        let status = await app.run()
        let text = captured.text
        #expect(status == 0, "\(text)")
        let result = directory.appendingPathComponent("results/\(OneAnswerPlan.resultName)")
        let merged = try String(contentsOf: result, encoding: .utf8)
        let mapCount = merged.split(separator: "\n").count
        #expect(mapCount > 3, "each ~100 KB year is cut into several ranges at 40,000 bytes per task")
        try Self.checkCoverage(merged, directory: directory, years: 2001...2003)
        #expect(text.contains("\(mapCount) map tasks over 3 inputs and 1 merge task"))
        #expect(
            text.contains(
                "\(mapCount + 1) tasks: 0 waiting, 0 running, \(mapCount + 1) done (\(mapCount + 1) succeeded, 0 failed)"
            ))
        #expect(text.contains("Result: \(result.path)"))

        // The merge ran after every map task: the stand-in merge refuses anything but all of the partials.
        let partials = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("partials").path)
        #expect(partials.filter { $0.hasSuffix(".partial.parquet") }.count == mapCount)
    }

    @Test("a map task that fails once is retried and the answer is complete")
    func flakyMapTaskIsRetried() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (app, captured) = try Self.app(
            directory: directory, program: try Self.standIn(in: directory, flaky: "2002.csv:0"))
        let status = await app.run()
        let text = captured.text
        #expect(status == 0, "\(text)")
        let merged = try String(
            contentsOf: directory.appendingPathComponent("results/\(OneAnswerPlan.resultName)"), encoding: .utf8)
        try Self.checkCoverage(merged, directory: directory, years: 2001...2003)
        #expect(text.contains("succeeded, exit code 0, 1 retry"), "\(text)")
    }

    @Test("a map task that fails for good blocks the merge; the run names the range and exits 1")
    func failedMapTaskBlocksTheMerge() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (app, captured) = try Self.app(
            directory: directory, program: try Self.standIn(in: directory, failing: "2003.csv:0"))
        let status = await app.run()
        let text = captured.text
        #expect(status == 1, "\(text)")
        #expect(text.contains("simulated failure reading 2003.csv:0"))
        #expect(text.contains("failed: \(directory.appendingPathComponent("input/2003.csv").path) bytes 0-"), "\(text)")
        #expect(text.contains("task merge did not run: blocked"))
        #expect(
            !FileManager.default.fileExists(
                atPath: directory.appendingPathComponent("results/\(OneAnswerPlan.resultName)").path))
        #expect(
            !FileManager.default.fileExists(
                atPath: directory.appendingPathComponent("batch/one-answer-test/merge").path), "the merge never started"
        )
    }

    @Test("--dry-run prints the graph: dependencies on, the merge waiting for a range of map tasks")
    func dryRunShowsTheGraph() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (original, captured) = try Self.app(directory: directory, program: URL(fileURLWithPath: "/bin/false"))
        var app = original
        app.options.dryRun = true
        let status = await app.run()
        let text = captured.text
        #expect(status == 0, "\(text)")
        #expect(text.contains(#""usesTaskDependencies" : true"#))
        #expect(text.contains(#""taskIdRanges" : ["#))
        #expect(text.contains(#""id" : "merge""#))
        #expect(text.contains("AirlineAnalytics map --input"))
        #expect(text.contains("--range 0-"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("batch").path), "nothing ran")
    }

    // MARK: The real kernel

    @Test("the real kernel: 8 years split over many map tasks give the single run's table")
    func realKernelMatchesTheSingleRun() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (app, captured) = try Self.app(
            directory: directory, program: try BuiltProducts.executable("AirlineAnalytics"),
            years: "2001-2008", bytesPerTask: 30_000)
        let status = await app.run()
        #expect(status == 0, "\(captured.text)")

        // The single run over the same rows: every year's CSV concatenated under one header.
        var all = Data()
        for year in 2001...2008 {
            let text = try String(contentsOf: directory.appendingPathComponent("input/\(year).csv"), encoding: .utf8)
            all.append(
                Data(
                    (year == 2001 ? text : String(text[text.index(after: try #require(text.firstIndex(of: "\n")))...]))
                        .utf8))
        }
        let single = directory.appendingPathComponent("single.csv")
        try all.write(to: single)
        let expected = directory.appendingPathComponent("single.parquet")
        _ = try await Aggregation.run(
            from: .file(single.path), sql: Aggregation.originalStatement, into: .parquet(expected.path))
        try Self.expectSameTable(directory.appendingPathComponent("results/\(OneAnswerPlan.resultName)"), expected)
    }

    /// The same rows (in any order), integers equal and doubles within 1e-12 relative.
    static func expectSameTable(_ actual: URL, _ expected: URL) throws {
        func rows(_ url: URL) throws -> [[Double?]] {
            let columns = try ParquetReader(path: url.path).readAllColumns()
            let values: [[Double?]] = columns.map { column in
                switch column {
                case .int32(let v): v.map { $0.map { Double($0) } }
                case .int64(let v): v.map { $0.map { Double($0) } }
                case .double(let v): v
                case .string(let v): v.map { $0.flatMap { Double($0) } }
                case .dictionaryString(let v): v.strings.map { $0.flatMap { Double($0) } }
                }
            }
            let count = values.first?.count ?? 0
            return (0..<count).map { row in values.map { $0[row] } }.sorted { a, b in
                for (x, y) in zip(a, b) where x != y { return (x ?? -.infinity) < (y ?? -.infinity) }
                return false
            }
        }
        let (mine, theirs) = (try rows(actual), try rows(expected))
        #expect(mine.count == theirs.count && mine.count > 300)
        for (a, b) in zip(mine, theirs) {
            for (x, y) in zip(a, b) {
                switch (x, y) {
                case (nil, nil): continue
                case (let x?, let y?): #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(a) vs \(b)")
                default: Issue.record("null mismatch: \(a) vs \(b)")
                }
            }
        }
    }
}
