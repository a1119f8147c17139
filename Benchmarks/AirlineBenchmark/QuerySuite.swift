import AirlineAggregation
import ArgumentParser
import Foundation

/// Issue 20's query suite: the queries an analyst writes after the original one, each run by the kernel, DuckDB and
/// Polars on the same file, alternating (the engine order rotates every round), as child processes so that wall
/// time and peak RSS are measured the same way; every engine writes its result as Parquet. Prints per query the
/// median and range of each engine's time and peak RSS, the median per-round speed-up of the kernel over each peer,
/// and whether the three results agree (checked once, after the first round, by `Tools/peers/same_result.py`).
struct QuerySuite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite", abstract: "The query suite: kernel vs DuckDB vs Polars, alternating, medians.")

    struct Query {
        var name: String
        var sql: String
        /// ORDER BY … LIMIT: results compared in order.
        var ordered = false
    }

    static let queries: [Query] = [
        Query(name: "original (Year, Month, DayOfMonth)", sql: Aggregation.originalStatement),
        Query(
            name: "by carrier",
            sql: "SELECT UniqueCarrier, count(*) AS flights, avg(ArrDelay) AS arr_delay, avg(DepDelay) AS dep_delay "
                + "FROM airlines GROUP BY UniqueCarrier"),
        Query(
            name: "by origin, filtered",
            sql: "SELECT Origin, count(*) AS flights, avg(DepDelay) AS dep_delay FROM airlines "
                + "WHERE Cancelled = 0 AND Distance > 500 GROUP BY Origin"),
        Query(
            name: "by route (Origin, Dest)",
            sql: "SELECT Origin, Dest, count(*) AS flights, avg(ArrDelay) AS arr_delay FROM airlines "
                + "GROUP BY Origin, Dest"),
        Query(
            name: "by month, HAVING",
            sql: "SELECT Month, count(*) AS flights, avg(ArrDelay) AS arr_delay FROM airlines GROUP BY Month "
                + "HAVING count(*) > 600000"),
        Query(
            name: "global aggregate",
            sql: "SELECT count(*) AS flights, avg(ArrDelay) AS arr_delay, max(DepDelay) AS worst, "
                + "sum(Distance) AS miles FROM airlines"),
        Query(
            name: "ORDER BY … LIMIT 10",
            sql: "SELECT Dest, avg(ArrDelay) AS arr_delay FROM airlines GROUP BY Dest ORDER BY arr_delay DESC LIMIT 10",
            ordered: true),
        Query(
            name: "TailNum (608k groups)",
            sql: "SELECT TailNum, count(*) AS flights, avg(ArrDelay) AS arr_delay FROM airlines GROUP BY TailNum"),
        Query(
            name: "TailNum, Origin, Dest (7M groups)",
            sql: "SELECT TailNum, Origin, Dest, count(*) AS flights, avg(ArrDelay) AS arr_delay FROM airlines "
                + "GROUP BY TailNum, Origin, Dest"),
        Query(
            name: "WHERE-heavy",
            sql: "SELECT DayOfWeek, count(*) AS flights, avg(ArrDelay) AS arr_delay FROM airlines "
                + "WHERE Month IN (6, 7, 8) AND ArrDelay BETWEEN 15 AND 600 AND Cancelled = 0 "
                + "AND Origin LIKE 'S%' AND TailNum IS NOT NULL GROUP BY DayOfWeek"),
        Query(
            name: "expressions",
            sql: "SELECT UniqueCarrier, sum(ArrDelay) / count(ArrDelay) AS mean_delay, "
                + "max(ArrDelay) - min(ArrDelay) AS spread, 100.0 * sum(Cancelled) / count(*) AS cancelled_pct "
                + "FROM airlines GROUP BY UniqueCarrier"),
        Query(
            name: "count(DISTINCT TailNum) by carrier",
            sql: "SELECT UniqueCarrier, count(DISTINCT TailNum) AS tails FROM airlines GROUP BY UniqueCarrier"),
    ]

    static let engines = ["kernel", "duckdb", "polars"]

    @Option var input = "/tmp/airline-2007.csv"
    @Option(help: "Python with duckdb, polars and pyarrow") var python = "/tmp/venv-peers/bin/python"
    @Option(help: "Folder with peer_query.py and same_result.py") var peers = PeerEngines.defaultFolder
    @Option(help: "Alternating rounds") var rounds = 5
    @Option(help: "Kernel workers") var workers = 2
    @Option(help: "Run only the queries whose name contains this text") var only: String?
    @Flag(help: "Skip the result check") var noCheck = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: input) else {
            throw ValidationError("\(input) not found: run `AirlineBenchmark generate` first")
        }
        let peerEngines = PeerEngines(python: python, folder: peers)
        let withPeers = await peerEngines.available()
        if !withPeers {
            print("PEERS SKIPPED: \(python) cannot import duckdb, polars and pyarrow, or \(peers) has no peer_query.py")
        }
        let engines = withPeers ? Self.engines : ["kernel"]
        let queries = Self.queries.filter { only == nil || $0.name.localizedCaseInsensitiveContains(only!) }
        let folder = NSTemporaryDirectory() + "airline-suite-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let me = CommandLine.arguments[0]

        var seconds: [String: [Double]] = [:]  // "query|engine"
        var peaks: [String: [Double]] = [:]
        var failures: [String: String] = [:]
        var checks: [String: String] = [:]
        for round in 0..<max(1, rounds) {
            for (number, query) in queries.enumerated() {
                // Rotate the engine order so that no engine always runs right after another one's cache warm-up.
                let shift = (round + number) % engines.count
                for engine in engines[shift...] + engines[..<shift] {
                    let key = "\(query.name)|\(engine)"
                    guard failures[key] == nil else { continue }
                    let output = "\(folder)/\(number)-\(engine).parquet"
                    let command =
                        engine == "kernel"
                        ? [
                            me, "kernel", "--input", input, "--workers", "\(workers)", "--sql", query.sql, "--output",
                            output,
                        ]
                        : peerEngines.command(engine: engine, sql: query.sql, input: input, output: output)
                    do {
                        let measured = try await timeChild(command)
                        seconds[key, default: []].append(measured.seconds)
                        peaks[key, default: []].append(Double(measured.peakKiB) / 1024)
                    } catch {
                        failures[key] = "\(error)".split(separator: "\n").first.map(String.init) ?? "failed"
                    }
                }
                if round == 0, withPeers, !noCheck {
                    let outputs = engines.filter { failures["\(query.name)|\($0)"] == nil }
                        .map { "\(folder)/\(number)-\($0).parquet" }
                    checks[query.name] =
                        outputs.count < 2
                        ? "not compared"
                        : await peerEngines.compare(
                            reference: outputs[0], others: Array(outputs.dropFirst()), ordered: query.ordered)
                }
                for engine in engines {
                    try? FileManager.default.removeItem(atPath: "\(folder)/\(number)-\(engine).parquet")
                }
            }
            print("round \(round + 1) of \(rounds) done")
        }
        report(queries: queries, engines: engines, seconds: seconds, peaks: peaks, failures: failures, checks: checks)
    }

    private func report(
        queries: [Query], engines: [String], seconds: [String: [Double]], peaks: [String: [Double]],
        failures: [String: String], checks: [String: String]
    ) {
        print(
            "\n\(input), \(rounds) alternating rounds, kernel with \(workers) workers; seconds and peak RSS (MB) as median [min–max];"
        )
        print(
            "speed-up = the peer's time / the kernel's in the same round (median [range]; > 1: the kernel is faster)\n")
        var header = "| query | kernel s | kernel MB |"
        for engine in engines.dropFirst() { header += " \(engine) s | \(engine) MB | speed-up vs \(engine) |" }
        if !checks.isEmpty { header += " results |" }
        print(header)
        print("|" + String(repeating: " --- |", count: header.filter { $0 == "|" }.count - 1))
        for query in queries {
            var line = "| \(query.name) |"
            let kernel = seconds["\(query.name)|kernel"] ?? []
            for engine in engines {
                let key = "\(query.name)|\(engine)"
                if let failure = failures[key] {
                    line += " failed: \(failure.prefix(80)) | – |"
                } else {
                    line +=
                        " \(Spread(seconds[key] ?? []).formatted()) | \(Spread(peaks[key] ?? []).formatted("%.0f")) |"
                }
                if engine != "kernel" {
                    let peer = seconds[key] ?? []
                    let ratios = zip(peer, kernel).map { $0 / $1 }
                    line += ratios.isEmpty ? " – |" : " \(Spread(ratios).formatted())× |"
                }
            }
            if !checks.isEmpty { line += " \(checks[query.name] ?? "–") |" }
            print(line)
        }
        for (key, failure) in failures.sorted(by: { $0.key < $1.key }) { print("FAILED \(key): \(failure)") }
    }
}
