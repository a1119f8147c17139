import AirlineAggregation
import ArgumentParser
import AzureKitProcess
import CompressionCodecs
import Foundation
import SyntheticAirlineData

/// `generate` writes the synthetic 2007-size file; `run` times the kernel (1 and 2 workers) and, when installed,
/// DuckDB and Polars on the same file in the same run, and prints times, peak RSS and ratios.
@main
struct AirlineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "CSV -> group-by -> Parquet benchmark on synthetic airline data",
        subcommands: [
            Generate.self, GenerateFlights.self, Run.self, Kernel.self, QuerySuite.self, Ratios.self, Groups.self,
            Decode.self,
            SplitOverhead.self,
        ])
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the synthetic airline CSV (2007 size by default).")
    @Option(help: "Output path") var output = "/tmp/airline-2007.csv"
    @Option(help: "Rows") var rows = AirlineDataGenerator.rows2007
    @Option(help: "Year") var year = 2007
    @Option(help: "Seed") var seed: UInt64 = 2007

    func run() throws {
        let start = Date()
        let bytes = try AirlineDataGenerator(year: year, rows: rows, seed: seed).write(to: output)
        print(
            String(
                format: "wrote %@: %d rows, %.1f MB in %.2f s", output, rows, Double(bytes) / 1e6,
                Date().timeIntervalSince(start)))
    }
}

/// Runs the kernel once in this process (used by `run` as a child process so peak RSS is measured per run).
struct Kernel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the kernel once and print one result line.")
    @Option var input = "/tmp/airline-2007.csv"
    @Option var output: String?
    @Option var workers = 2
    @Option var chunkKiB = 4096
    @Option(help: "The query (default: the original job's statement)") var sql = Aggregation.originalStatement

    func run() async throws {
        let options = AggregationOptions(workers: WorkerCount(workers), chunkSize: chunkKiB << 10)
        let summary = try await Aggregation.run(
            from: .file(input), sql: sql, into: output.map { .parquet($0) } ?? .none,
            options: options)
        print(
            String(
                format: "kernel workers=%d rows=%d groups=%d seconds=%.3f MB/s=%.0f", workers, summary.rowsRead,
                summary.groups, summary.seconds, summary.megabytesPerSecond))
        print("phases: \(summary.phases)")
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time the kernel and the peers side by side.")
    @Option var input = "/tmp/airline-2007.csv"
    @Option(help: "Python with duckdb/polars") var python = "/tmp/venv-peers/bin/python"
    @Option(help: "Folder with peer_query.py") var peers = PeerEngines.defaultFolder
    @Option(help: "Repetitions (best is reported)") var repetitions: Int = 3
    @Flag(help: "Skip the peers") var kernelOnly = false
    @Flag(inversion: .prefixedNo, help: "Have the kernel write Parquet like the peers do") var writeParquet = true

    func run() async throws {
        guard FileManager.default.fileExists(atPath: input) else {
            throw ValidationError("\(input) not found: run `AirlineBenchmark generate` first")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
        let me = CommandLine.arguments[0]
        var results: [(String, Measurement)] = []
        let out = NSTemporaryDirectory() + "airline-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        for workers in [1, 2] {
            let output = writeParquet ? ["--output", out + "/kernel.parquet"] : []
            let m = try await Self.best(
                of: repetitions, [me, "kernel", "--input", input, "--workers", "\(workers)"] + output)
            results.append(("kernel, \(workers) worker\(workers == 1 ? "" : "s")", m))
        }
        let peerEngines = PeerEngines(python: python, folder: peers)
        if !kernelOnly, await peerEngines.available() {
            for name in ["duckdb", "polars"] {
                let command = peerEngines.command(
                    engine: name, sql: Aggregation.originalStatement, input: input, output: out + "/\(name).parquet")
                results.append((name, try await Self.best(of: repetitions, command)))
            }
        }
        let reference = results.first { $0.0.hasPrefix("kernel, 2") }?.1.seconds ?? results[0].1.seconds
        print(String(format: "input %@ (%.1f MB), best of %d", input, Double(size) / 1e6, repetitions))
        print("engine                  seconds   MB/s   peak RSS MB   × kernel(2)")
        for (name, m) in results {
            print(
                String(
                    format: "%-22@ %8.3f %7.0f %12.1f %10.2f", name as NSString, m.seconds,
                    Double(size) / 1e6 / m.seconds, Double(m.peakKiB) / 1024, m.seconds / reference))
        }
    }

    /// Runs a command `count` times (``timeChild(_:)``) and keeps the fastest.
    static func best(of count: Int, _ arguments: [String]) async throws -> Measurement {
        var bestRun = Measurement(seconds: .infinity, peakKiB: 0)
        for _ in 0..<max(1, count) {
            let run = try await timeChild(arguments)
            if run.seconds < bestRun.seconds { bestRun = run }
        }
        return bestRun
    }
}

// MARK: - The bzip2 decoder alone (the third of `ratios`' pairs)

/// Decodes a `.bz2` file once with the pure-Swift decoder and discards the bytes; `ratios` runs it as a
/// child process so that its wall time and peak RSS are taken exactly as `bzip2 -dc`'s are.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Decode a .bz2 file once, output discarded.")
    @Option var input = "/tmp/airline-2007.csv.bz2"
    @Option var workers = 1

    func run() throws {
        guard let handle = FileHandle(forReadingAtPath: input) else { throw ValidationError("cannot open \(input)") }
        defer { try? handle.close() }
        var decoder = Bzip2Decompressor(workers: workers)
        var total = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try chunk.withUnsafeBytes { bytes in try decoder.write(bytes) { total += $0.count } }
        }
        try decoder.finish { total += $0.count }
        print("decoded \(total) bytes")
    }
}

/// High-cardinality check: `count(*)` and `count(v)` over files with one group per row (200k and 1M groups),
/// alternating runs in child processes; prints medians and ranges and whether 1M took at most 5x the 200k time.
/// Both files are cut into chunks of the same size, so with 2 workers both are parsed in parallel and merged
/// (with the default 4 MiB chunks the 200k file is one chunk: one worker, no merge).
struct Groups: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "count(*) and count(v) over 200k and 1M distinct groups: is finalisation linear?")
    @Option(help: "Folder for the generated files") var folder = "/tmp/airline-groups"
    @Option(help: "Group counts to compare (first is the baseline)") var groups: [Int] = [200_000, 1_000_000]
    @Option(help: "Alternating rounds") var rounds = 5
    @Option(help: "Worker counts to measure") var workers: [Int] = [1, 2]
    @Option(help: "Chunk size in KiB for both files") var chunkKiB = 512

    func run() async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let me = CommandLine.arguments[0]
        var files: [Int: String] = [:]
        for count in groups {
            let path = folder + "/groups-\(count).csv"
            if !FileManager.default.fileExists(atPath: path) {
                var text = "k,v\n"
                text.reserveCapacity(count * 12)
                for key in 0..<count { text += "\(key),1\n" }
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            files[count] = path
        }
        let queries = [
            ("count(*)", "SELECT k, count(*) AS n FROM t GROUP BY k"),
            ("count(v)", "SELECT k, count(v) AS n FROM t GROUP BY k"),
        ]
        var times: [String: [Double]] = [:]
        for _ in 0..<max(1, rounds) {
            for (name, sql) in queries {
                for workerCount in workers {
                    for count in groups {
                        let output = folder + "/out-\(count).parquet"
                        let m = try await Run.best(
                            of: 1,
                            [
                                me, "kernel", "--input", files[count]!, "--workers", "\(workerCount)",
                                "--chunk-ki-b", "\(chunkKiB)", "--sql", sql, "--output", output,
                            ])
                        times["\(name) \(workerCount) \(count)", default: []].append(m.seconds)
                    }
                }
            }
        }
        print("query     workers   groups   median s   range s")
        for (name, _) in queries {
            for workerCount in workers {
                let series = groups.map { times["\(name) \(workerCount) \($0)"]!.sorted() }
                for (count, sorted) in zip(groups, series) {
                    print(
                        String(
                            format: "%-9@ %7d %8d %10.3f   %.3f-%.3f", name as NSString, workerCount, count,
                            sorted[sorted.count / 2], sorted.first!, sorted.last!))
                }
                if let base = series.first, let last = series.last, series.count >= 2 {
                    let ratio = last[last.count / 2] / base[base.count / 2]
                    let scale = Double(groups[groups.count - 1]) / Double(groups[0])
                    print(
                        String(
                            format: "  %.2fx the time for %.0fx the groups (linear: at most %.0fx)", ratio, scale, scale
                        ))
                }
            }
        }
    }
}

/// Wall time, peak RSS and CPU time (user + sys) of one child process.
struct Measurement {
    var seconds: Double
    var peakKiB: Int
    var cpuSeconds = 0.0
}

/// Runs `arguments` under `/usr/bin/time -f "%M %U %S"` with stdout discarded; returns wall seconds, peak RSS and
/// CPU seconds.
///
/// The child is AzureKitCore's ``ChildProcess``: spawned with no signal blocked (a child of a pool thread would
/// inherit a blocked mask, and `lbzip2`, whose main thread waits in `sigsuspend` for its workers, would never wake),
/// awaited without parking a pool thread, its report drained on a thread of its own.
func timeChild(_ arguments: [String]) async throws -> Measurement {
    let child = ChildProcess(
        URL(fileURLWithPath: "/usr/bin/time"), ["-f", "%M %U %S"] + arguments, standardOutput: .discard,
        standardError: .capture)
    let start = ContinuousClock.now
    let result = try await child.run()
    let elapsed = (ContinuousClock.now - start).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    guard result.succeeded else {
        throw ValidationError("\(arguments.joined(separator: " ")) failed: \(result.standardErrorText)")
    }
    let report = result.standardErrorText
    // The last line is time's report: peak KiB, user and system seconds.
    let fields = report.split(separator: "\n").last?.split(separator: " ") ?? []
    let peak = fields.first.flatMap { Int($0) } ?? 0
    let cpu = fields.dropFirst().compactMap { Double($0) }.reduce(0, +)
    return Measurement(seconds: seconds, peakKiB: peak, cpuSeconds: cpu)
}

/// Issue 15's local overhead: the same file as one run, and as N map tasks over byte ranges (run one after the
/// other, each with all workers, as a one-node task graph would) plus the merge, alternating in one process;
/// prints medians and ranges of wall time, of the process's CPU time (more CPU is extra work; more wall time for
/// the same CPU is idle cores) and of the overhead.
struct SplitOverhead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split-overhead",
        abstract: "Time one run against N map tasks + merge over the same file, alternating.")
    @Option var input = "/tmp/airline-2007.csv"
    @Option var tasks = 8
    @Option var workers = 2
    @Option var rounds = 7
    @Option(help: "The query (default: the original job's statement)") var sql = Aggregation.originalStatement

    func run() async throws {
        let spec = try AggregateSpec(sql: sql)
        let options = AggregationOptions(workers: WorkerCount(workers))
        let file = try RangedInput.file(input)
        // The ranges EvenByteRangePlanner (AzureBatchKit) cuts for N tasks over one file: equal to the byte. (Not
        // linked here: a release build of its HTTP stack for one line of arithmetic.)
        let ranges = (0..<tasks).map { (file.size * $0 / tasks)..<(file.size * ($0 + 1) / tasks) }
        var single: [(wall: Double, cpu: Double)] = []
        var split: [(wall: Double, cpu: Double)] = []
        for round in 1...max(1, rounds) {
            var started = Sample()
            let whole = try await Aggregation.run(from: .file(input), spec, options: options)
            single.append(started.elapsed())
            started = Sample()
            var partials: [PartialResult] = []
            for range in ranges {
                partials.append(try await Aggregation.partial(of: file, range: range, spec, options: options))
            }
            let merged = try Aggregation.merge(partials, spec, expecting: ranges.count)
            split.append(started.elapsed())
            guard merged.rowsRead == whole.rowsRead, merged.groups == whole.groups else {
                throw ValidationError(
                    "the split run disagrees with the single run (\(merged.rowsRead) vs \(whole.rowsRead) rows)")
            }
            print(
                String(
                    format: "round %d: single %.2f s (CPU %.2f s), %d tasks + merge %.2f s (CPU %.2f s)", round,
                    single.last!.wall, single.last!.cpu, ranges.count, split.last!.wall, split.last!.cpu))
        }
        print("median [min–max] of \(single.count) alternating rounds, \(input), \(workers) workers:")
        print(
            "  single run: \(Spread(single.map(\.wall)).formatted()) s, CPU \(Spread(single.map(\.cpu)).formatted()) s")
        print(
            "  \(ranges.count) map tasks + merge: \(Spread(split.map(\.wall)).formatted()) s, "
                + "CPU \(Spread(split.map(\.cpu)).formatted()) s")
        let overhead = zip(split, single).map { ($0.wall / $1.wall - 1) * 100 }
        let cpuOverhead = zip(split, single).map { ($0.cpu / $1.cpu - 1) * 100 }
        print("  overhead (per round; goal ≤ 15%): \(Spread(overhead).formatted("%.1f")) %")
        print("  CPU overhead (per round): \(Spread(cpuOverhead).formatted("%.1f")) %")
    }

    /// Wall clock and the process's user + system CPU time at one instant.
    private struct Sample {
        let wall = ContinuousClock.now
        let cpu = Sample.processCPUSeconds()

        func elapsed() -> (wall: Double, cpu: Double) {
            let duration = ContinuousClock.now - wall
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return (seconds, Sample.processCPUSeconds() - cpu)
        }

        static func processCPUSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
    }
}
