import AirlineAggregation
import AirlineAnalyticsCore
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation
import ParquetKit
import SyntheticAirlineData
import Testing

/// `AirlineAnalytics map` and `merge`: blobs read with ranged GETs and partials under a blob prefix (in process, the
/// in-memory Blob service), and the executable's exit codes and messages on local files.
@Suite("AirlineAnalytics map and merge")
struct MapMergeTests {
    static let sql = Aggregation.originalStatement
    static let root = "http://127.0.0.1:10000/devstoreaccount1/demo/"

    /// Requests the store saw: method, blob and `x-ms-range`, recorded through a fault predicate that never fires.
    final class RequestLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(isGet: Bool, blob: String?, range: String?)] = []
        func record(_ request: InMemoryBlobStore.Request) -> Bool {
            lock.withLock { entries.append((request.method == .get, request.blob, request.headers["x-ms-range"])) }
            return false
        }
        /// Bytes asked for by ranged GETs of `blob`.
        func bytesRequested(_ blob: String) -> Int {
            lock.withLock {
                entries.filter { $0.blob == blob && $0.isGet }.compactMap(\.range).map { range -> Int in
                    let bounds = range.dropFirst("bytes=".count).split(separator: "-").compactMap { Int($0) }
                    return bounds.count == 2 ? bounds[1] - bounds[0] + 1 : 0
                }.reduce(0, +)
            }
        }
    }

    @Test("map over ranges of CSV and .bz2 blobs + merge of a blob prefix == one run", arguments: ["csv", "csv.bz2"])
    func blobRoundTrip(kind: String) async throws {
        let plain = AirlineDataGenerator(year: 2007, rows: 30_000, seed: 17).csvBytes()
        let stored = kind == "csv" ? plain : try bzip2(plain)
        let store = InMemoryBlobStore()
        store.put(container: "demo", name: "raw/2007.\(kind)", data: Data(stored))
        let log = RequestLog()
        store.inject(.status(500, code: "Never"), times: .max) { log.record($0) }  // records, never fires
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let splits = InputSplitter(totalBytes: stored.count, tasks: 4).splits([
            .init(name: "raw/2007.\(kind)", size: stored.count)
        ])
        for (index, split) in splits.enumerated() {
            let report = try await PartialMapRun(
                input: try DataLocation(Self.root + "raw/2007.\(kind)"), range: split.range,
                partialOutput: try DataLocation(Self.root + "partials/q1/\(index).partial.parquet"), sql: Self.sql,
                access: access
            ).run()
            #expect(report.summaryLine.contains("[\(split.range.lowerBound)-\(split.range.upperBound)]"))
        }
        let merged = try await PartialMergeRun(
            partials: (0..<splits.count).map { Self.root + "partials/q1/\($0).partial.parquet" },
            output: try DataLocation(Self.root + "out/2007.parquet"),
            sql: Self.sql,
            expect: 4, access: access
        ).run()
        #expect(merged.partials == 4)
        let single = try await Aggregation.run(from: .bytes(plain), try AggregateSpec(sql: Self.sql))
        #expect(merged.summary.rowsRead == 30_000)
        #expect(merged.summary.result.columns.prefix(3) == single.result.columns.prefix(3))
        for name in ["avg_ArrDelay", "avg_DepDelay"] {
            guard case .double(let got)? = merged.summary.result[name]?.values,
                case .double(let want)? = single.result[name]?.values
            else {
                Issue.record("\(name) missing")
                continue
            }
            for (x, y) in zip(got, want) { #expect(abs((x ?? 0) - (y ?? 0)) <= 1e-12 * max(1, abs(y ?? 0))) }
        }
        let parquet = try #require(store.blob(container: "demo", name: "out/2007.parquet"))
        #expect(try ParquetReader(bytes: [UInt8](parquet)).metadata.numRows == Int64(single.result.rowCount))
        // Ranged reads: each task reads its range, the header and a short tail, never the whole blob. (A .bz2 task's
        // header and tail are whole blocks, read in 128 KiB steps: on a blob this small they are most of it.)
        let requested = log.bytesRequested("raw/2007.\(kind)")
        if kind == "csv" {
            #expect(requested <= stored.count + 4 * (128 << 10))
        } else {
            #expect(requested <= stored.count + 4 * (2 * (128 << 10) + 2 * (256 << 10)))
        }
        #expect(requested >= stored.count)
    }

    @Test("the executable: map, merge, a missing partial and another query are refused with one line")
    func executable() async throws {
        let binary = try BuiltProducts.executable("AirlineAnalytics")
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("2008.csv")
        _ = try AirlineDataGenerator(year: 2008, rows: 5_000, seed: 2).write(to: input.path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int)
        let partials = folder.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        let cut = size / 3
        for (index, range) in ["0-\(cut)", "\(cut)-\(size)"].enumerated() {
            let result = try await runProcess(
                binary,
                [
                    "map", "--input", input.path, "--range", range,
                    "--partial-output", partials.appendingPathComponent("\(index).partial.parquet").path,
                ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let output = folder.appendingPathComponent("all.parquet")
        let merged = try await runProcess(
            binary, ["merge", "--partials", partials.path, "--output", output.path, "--expect", "2"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("merged 2 partials: rows 5000"))
        let single = try await Aggregation.run(from: .file(input.path), try AggregateSpec(sql: Self.sql))
        #expect(try ParquetReader(path: output.path).metadata.numRows == Int64(single.result.rowCount))

        let missing = try await runProcess(
            binary, ["merge", "--partials", partials.path, "--output", output.path, "--expect", "3"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("incompletePartials") && missing.stderr.contains("1 missing"))

        let other = try await runProcess(
            binary,
            [
                "merge", "--partials", partials.path, "--output", output.path,
                "--sql", "SELECT Year, count(*) FROM airlines GROUP BY Year",
            ])
        #expect(other.status != 0)
        #expect(other.stderr.contains("partialMismatch"))
        #expect(other.stderr.split(separator: "\n").count == 1)
    }

    @Test("--input with a wildcard: every matching file, mapped and merged into one result")
    func patternInput() async throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var all = Array((AirlineDataGenerator.header.joined(separator: ",") + "\n").utf8)
        for year in [2006, 2007] {
            let csv = AirlineDataGenerator(year: year, rows: 3_000, seed: UInt64(year)).csvBytes()
            all += csv.drop { $0 != 0x0A }.dropFirst()
            try Data(csv).write(to: folder.appendingPathComponent("\(year).csv"))
        }
        try Data("not csv".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let request = AnalyticsRequest(
            input: try DataLocation(folder.path + "/*.csv"), output: try DataLocation(folder.path + "/both.parquet"),
            progress: .none)
        let report = try await AnalyticsRun(request: request).run()
        let single = try await Aggregation.run(from: .bytes(all), try AggregateSpec(sql: Self.sql))
        #expect(report.summary.rowsRead == 6_000)
        #expect(report.summary.groups == single.groups)
        #expect(report.summary.result.columns.prefix(3) == single.result.columns.prefix(3))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/both.parquet"))
    }

    func bzip2(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("in.csv")
        try Data(bytes).write(to: file)
        let result = try ExternalBzip2.run(file.path)
        #expect(result == 0, "bzip2 is needed for .bz2 test inputs (.ci/run installs it)")
        return Array(try Data(contentsOf: file.appendingPathExtension("bz2")))
    }
}

enum ExternalBzip2 {
    /// `bzip2 -1 -k <path>` (100k blocks: a small input spans several).
    static func run(_ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/bzip2")
        process.arguments = ["-1", "-k", path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
