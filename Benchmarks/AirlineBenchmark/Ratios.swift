import AirlineAggregation
import ArgumentParser
import Foundation

/// Issue 18's three ratios from one invocation: the kernel against Polars on the plain CSV (the original query),
/// the whole query on the `.bz2` against `lbzip2 -dc -n 2` alone, and the Swift decoder (1 worker) against
/// `bzip2 -dc`. Every command runs as a child process under `/usr/bin/time` (wall time, peak RSS), the two sides
/// of each ratio one after the other, in swapped order every other round; prints medians, ranges and the
/// per-round ratios against the targets.
struct Ratios: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue 18's three ratios (kernel/Polars, .bz2 query/lbzip2, decoder/bzip2), alternating.")

    @Option(help: "The plain CSV") var input = "/tmp/airline-2007.csv"
    @Option(help: "The same data compressed with bzip2") var bz2 = "/tmp/airline-2007.csv.bz2"
    @Option(help: "Python with duckdb, polars and pyarrow") var python = "/tmp/venv-peers/bin/python"
    @Option(help: "Folder with peer_query.py") var peers = PeerEngines.defaultFolder
    @Option(help: "Alternating rounds") var rounds = 3
    @Option(help: "Which ratios (polars, lbzip2, decoder); repeat the option for several") var only: [String] = [
        "polars", "lbzip2", "decoder",
    ]

    /// One ratio: two commands timed in turn; `target` is the goal for subject / reference.
    private struct Pair {
        var title: String
        var subject: (name: String, command: [String])
        var reference: (name: String, command: [String])
        var target: String
    }

    func run() async throws {
        let needed = (only.contains("polars") ? [input] : []) + (only.contains { $0 != "polars" } ? [bz2] : [])
        for path in needed where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) not found (`AirlineBenchmark generate`, then `bzip2 -k -9` the file)")
        }
        let me = CommandLine.arguments[0]
        let folder = NSTemporaryDirectory() + "airline-ratios-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let peerEngines = PeerEngines(python: python, folder: peers)
        var pairs: [Pair] = []
        if only.contains("polars"), await !peerEngines.available() {
            print("POLARS SKIPPED: \(python) cannot import polars, or \(peers) has no peer_query.py")
        } else if only.contains("polars") {
            pairs.append(
                Pair(
                    title: "plain CSV, original query: kernel (2 workers) vs Polars",
                    subject: (
                        "kernel", [me, "kernel", "--input", input, "--workers", "2", "--output", folder + "/k.parquet"]
                    ),
                    reference: (
                        "Polars",
                        peerEngines.command(
                            engine: "polars", sql: Aggregation.originalStatement, input: input,
                            output: folder + "/p.parquet")
                    ),
                    target: "time ≤ 0.2× Polars' (≥ 5× faster)"))
        }
        if only.contains("lbzip2") {
            pairs.append(
                Pair(
                    title: ".bz2, whole query: kernel (2 workers) vs lbzip2 -dc -n 2 alone",
                    subject: (
                        "kernel", [me, "kernel", "--input", bz2, "--workers", "2", "--output", folder + "/b.parquet"]
                    ),
                    reference: ("lbzip2 -dc -n 2", ["lbzip2", "-dc", "-n", "2", bz2]),
                    target: "time ≤ 0.85× lbzip2's, peak RSS ≤ 64 MB"))
        }
        if only.contains("decoder") {
            pairs.append(
                Pair(
                    title: ".bz2, decoder alone: Swift (1 worker) vs bzip2 -dc",
                    subject: ("Swift decoder", [me, "decode", "--input", bz2, "--workers", "1"]),
                    reference: ("bzip2 -dc", ["bzip2", "-dc", bz2]),
                    target: "time ≤ 1/1.3 = 0.77× bzip2's (≥ 1.3× faster)"))
        }
        guard !pairs.isEmpty else { throw ValidationError("nothing to measure: --only takes polars, lbzip2, decoder") }

        var subject = [[Measurement]](repeating: [], count: pairs.count)
        var reference = subject
        for round in 0..<max(1, rounds) {
            for (index, pair) in pairs.enumerated() {
                // Swap the order every other round: whoever runs second may find the file in a warmer page cache.
                let subjectFirst = round % 2 == 0
                for runsSubject in subjectFirst ? [true, false] : [false, true] {
                    let measured = try await timeChild(runsSubject ? pair.subject.command : pair.reference.command)
                    if runsSubject { subject[index].append(measured) } else { reference[index].append(measured) }
                }
                print(
                    String(
                        format: "round %d, %@: %.2f s vs %.2f s", round + 1, pair.title as NSString,
                        subject[index].last!.seconds, reference[index].last!.seconds))
            }
        }
        print(
            "\n\(rounds) alternating rounds; seconds, CPU seconds (user + sys) and peak RSS (MB) as median [min–max]; "
                + "ratio = subject / reference per round"
        )
        for (index, pair) in pairs.enumerated() {
            let ratios = zip(subject[index], reference[index]).map { $0.seconds / $1.seconds }
            print("\n\(pair.title)  (target: \(pair.target))")
            for (name, runs) in [(pair.subject.name, subject[index]), (pair.reference.name, reference[index])] {
                let seconds = Spread(runs.map(\.seconds)).formatted()
                let peak = Spread(runs.map { Double($0.peakKiB) / 1024 }).formatted("%.0f")
                let cpu = Spread(runs.map(\.cpuSeconds)).formatted()
                print("  \(name): \(seconds) s, CPU \(cpu) s, peak RSS \(peak) MB")
            }
            print(
                "  ratio: \(Spread(ratios).formatted("%.3f"))×  (speed-up \(Spread(ratios.map { 1 / $0 }).formatted())×)"
            )
        }
    }
}
