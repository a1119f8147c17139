import AirlineAggregation
import Foundation
import Testing

/// The task program explains its own time: one `info` line on standard error with the kernel's phases, so a slow
/// task on a node can be read from its `stderr.txt`; `--log-level`/`--verbose`/`AZURE_LOG_LEVEL` control it.
@Suite("AirlineAnalytics kernel phases and log level")
struct KernelPhasesTests {
    static func run(_ extra: [String], environment: [String: String] = [:]) async throws -> (ProcessResult, URL) {
        let directory = try temporaryDirectory()
        let input = directory.appendingPathComponent("in.csv.bz2")
        try Fixtures.data("sample.csv.bz2").write(to: input)
        let result = try await runProcess(
            try BuiltProducts.executable("AirlineAnalytics"),
            [
                "--input", input.path, "--output", directory.appendingPathComponent("out.parquet").path,
                "--progress", "none",
            ] + extra, environment: environment)
        return (result, directory)
    }

    @Test("by default one info line with every phase and its duration")
    func phasesByDefault() async throws {
        let (result, directory) = try await Self.run([])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(whereSeparator: \.isNewline)
        #expect(lines.count == 1, "\(result.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.contains(" info AirlineAnalytics: "))
        #expect(line.contains("kernel phases: scan "))
        for key in ["scan-s=", "read-decompress-s=", "parse-s=", "aggregate-s=", "write-s=", "workers=", "rows=400"] {
            #expect(line.contains(key), "\(key) missing in \(line)")
        }
    }

    @Test("--log-level warning silences it; AZURE_LOG_LEVEL=warning too")
    func quieter() async throws {
        for (arguments, environment) in [(["--log-level", "warning"], [:]), ([], ["AZURE_LOG_LEVEL": "warning"])] {
            let (result, directory) = try await Self.run(arguments, environment: environment)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty, "\(result.stderr)")
        }
    }

    @Test(
        "an unknown level is a clear error naming the accepted ones",
        arguments: [
            (["--log-level", "loud"], [String: String]()), ([], ["AZURE_LOG_LEVEL": "loud"]),
            (["--verbose", "--log-level", "info"], [:]),
        ])
    func badLevel(arguments: [String], environment: [String: String]) async throws {
        let (result, directory) = try await Self.run(arguments, environment: environment)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status != 0)
        #expect(
            result.stderr.contains("error, warning, info, verbose") || result.stderr.contains("contradict"),
            "\(result.stderr)")
        #expect(listFiles(directory) == ["in.csv.bz2"])
    }

    @Test("the phases are measured, not made up: a compressed input waits on decompression, output takes time to write")
    func phasesInProcess() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv.bz2")
        try Fixtures.data("sample.csv.bz2").write(to: input)
        let summary = try await Aggregation.run(
            from: .file(input.path), sql: Aggregation.originalStatement,
            into: .parquet(directory.appendingPathComponent("out.parquet").path))
        let phases = summary.phases
        #expect(
            phases.readSeconds > 0 && phases.parseSeconds > 0 && phases.writeSeconds > 0 && phases.aggregateSeconds > 0)
        #expect(phases.readSeconds <= phases.scanSeconds)
        #expect(phases.scanSeconds + phases.writeSeconds <= summary.seconds)
        #expect(phases.workers == summary.workers)
    }
}
