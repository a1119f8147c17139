import AirlineAggregation
import ArgumentParser
import Foundation

/// Issue 15's local overhead: the same file as one run, and as N map tasks over byte ranges (run one after the
/// other, each with all workers, as a one-node task graph would) plus the merge, alternating in one process;
/// prints medians and ranges of both and of the overhead.
struct SplitOverhead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split-overhead",
        abstract: "Time one run against N map tasks + merge over the same file, alternating.")
    @Option var input = "/tmp/airline-2007.csv"
    @Option var tasks = 8
    @Option var workers = 2
    @Option var rounds = 5
    @Option(help: "The query (default: the original job's statement)") var sql = Aggregation.originalStatement

    func run() async throws {
        let spec = try AggregateSpec(sql: sql)
        let options = AggregationOptions(workers: WorkerCount(workers))
        let file = try RangedInput.file(input)
        let splits = InputSplitter(totalBytes: file.size, tasks: tasks).splits([.init(name: file.name, size: file.size)]
        )
        var single: [Double] = []
        var split: [Double] = []
        for round in 1...max(1, rounds) {
            let clock = ContinuousClock()
            var started = clock.now
            let whole = try await Aggregation.run(from: .file(input), spec, options: options)
            single.append(seconds(clock.now - started))
            started = clock.now
            var partials: [PartialResult] = []
            for part in splits {
                partials.append(try await Aggregation.partial(of: file, range: part.range, spec, options: options))
            }
            let merged = try Aggregation.merge(partials, spec, expecting: splits.count)
            split.append(seconds(clock.now - started))
            guard merged.rowsRead == whole.rowsRead, merged.groups == whole.groups else {
                throw ValidationError(
                    "the split run disagrees with the single run (\(merged.rowsRead) vs \(whole.rowsRead) rows)")
            }
            print(
                String(
                    format: "round %d: single %.2f s, %d tasks + merge %.2f s", round, single.last!, splits.count,
                    split.last!))
        }
        func spread(_ values: [Double], _ format: String = "%.2f") -> String {
            let sorted = values.sorted()
            let median =
                sorted.count % 2 == 1
                ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            return String(format: "\(format) [\(format)–\(format)]", median, sorted.first!, sorted.last!)
        }
        print("median [min–max] of \(single.count) alternating rounds, \(input), \(workers) workers:")
        print("  single run: \(spread(single)) s")
        print("  \(splits.count) map tasks + merge: \(spread(split)) s")
        print("  overhead (per round; goal ≤ 15%): \(spread(zip(split, single).map { ($0 / $1 - 1) * 100 }, "%.1f")) %")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
