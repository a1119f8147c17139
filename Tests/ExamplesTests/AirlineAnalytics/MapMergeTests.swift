import AirlineAggregation
import AirlineAnalyticsCore
import AzureBatchKit
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation
import ParquetKit
import SubmitYearsCore
import SyntheticAirlineData
import TestSupport
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
        let stored = kind == "csv" ? plain : try await ExternalBzip2.compress(plain)
        let store = InMemoryBlobStore()
        store.put(container: "demo", name: "raw/2007.\(kind)", data: Data(stored))
        let log = RequestLog()
        store.inject(.status(500, code: "Never"), times: .max) { log.record($0) }  // records, never fires
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let splits = try EvenByteRangePlanner(minimumBytesPerTask: 1).splits(
            of: [MapInput(location: "raw/2007.\(kind)", size: Int64(stored.count), isSplittable: true)],
            targetBytesPerTask: Int64(stored.count + 3) / 4, nodes: 4
        ).compactMap { split in split.range.map { Int($0.lowerBound)..<Int($0.upperBound) } }
        #expect(splits.count == 4)
        for (index, range) in splits.enumerated() {
            let report = try await PartialMapRun(
                input: try DataLocation(Self.root + "raw/2007.\(kind)"), range: range,
                partialOutput: try DataLocation(Self.root + "partials/q1/\(index).partial.parquet"), sql: Self.sql,
                access: access
            ).run()
            #expect(report.summaryLine.contains("[\(range.lowerBound)-\(range.upperBound)]"))
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

    /// The SAS checks the in-memory store does not make: a request is refused (403) unless its SAS grants what it
    /// does: list (`l`, on a container SAS) for List Blobs, read (`r`) for a GET, create or write (`c`/`w`) for a PUT.
    final class SASEnforcer: @unchecked Sendable {
        private let lock = NSLock()
        private var refusals: [String] = []
        var refused: [String] { lock.withLock { refusals } }

        func refuses(_ request: InMemoryBlobStore.Request) -> Bool {
            let permissions = request.query["sp"] ?? ""
            let allowed: Bool
            switch (request.method, request.query["comp"]) {
            case (.get, "list"?): allowed = permissions.contains("l") && request.query["sr"] == "c"
            case (.get, _), (.head, _): allowed = permissions.contains("r")
            case (.put, _): allowed = permissions.contains("c") || permissions.contains("w")
            default: allowed = false
            }
            if allowed && request.query["sig"] != nil { return false }
            lock.withLock { refusals.append("\(request.method) \(request.blob ?? "(container)") sp=\(permissions)") }
            return true
        }
    }

    /// The graph's own commands (`OneAnswerPlan` with the SAS-per-task locations SubmitYears uses on Azure), parsed
    /// by the kernel command's parsers and run in process against the in-memory Blob service.
    @Test("merge --partials <prefix>/?<SAS>: the map outputs are found by listing; --expect refuses a missing one")
    func mergeListsABlobPrefix() async throws {
        let plain = AirlineDataGenerator(year: 2007, rows: 9_000, seed: 23).csvBytes()
        let store = InMemoryBlobStore()
        store.put(container: "demo", name: "raw/2007.csv", data: Data(plain))
        store.put(container: "demo", name: "aggregated/partials/q1/notes.txt", data: Data("not a partial".utf8))
        let enforcer = SASEnforcer()
        store.inject(.status(403, code: "AuthorizationPermissionMismatch"), times: .max) { enforcer.refuses($0) }
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let key = Data((0..<64).map { UInt8($0) }).base64EncodedString()
        let issuer = try BlobSASIssuer.accountKey(SharedKeyCredential(accountName: "devstoreaccount1", accountKey: key))
        let input = MapInput(location: Self.root + "raw/2007.csv", size: Int64(plain.count), isSplittable: true)

        /// Runs the graph of job `jobID`, map tasks first (all but `skipping`), then the merge.
        func runGraph(_ jobID: String, skipping: String? = nil) async throws -> (PartialMergeRun.Report, Int) {
            let (prefix, output) = try AzureGraphLocations.layout(outputPrefix: Self.root + "aggregated/", jobID: jobID)
            let locations = AzureGraphLocations(
                issuer: issuer, partialPrefix: prefix, output: output, lifetime: .seconds(3_600))
            let graph = try OneAnswerPlan(
                job: JobPlan(jobID: jobID, image: "r.azurecr.io/a:1"), bytesPerTask: Int64(plain.count / 3), nodes: 3
            ).graph(inputs: [input], locations: locations)
            for task in graph.mapTasks where task.id != skipping {
                let words = try ShellQuoting.split(task.commandLine)
                #expect(words.prefix(2) == [JobPlan.program, "map"])
                var run = try AnalyticsMapCommand.parse(Array(words.dropFirst(2))).mapRun()
                run.access = access
                _ = try await run.run()
            }
            let words = try ShellQuoting.split(graph.mergeTask.commandLine)
            #expect(words.prefix(2) == [JobPlan.program, "merge"])
            let partials = try #require(words.firstIndex(of: "--partials").map { words[$0 + 1] })
            #expect(partials.hasPrefix(Self.root + "aggregated/partials/\(jobID)/?") && partials.contains("sp=rl"))
            var run = try AnalyticsMergeCommand.parse(Array(words.dropFirst(2))).mergeRun()
            run.access = access
            return (try await run.run(), graph.mapTasks.count)
        }

        let (report, mapTasks) = try await runGraph("q1")
        #expect(mapTasks == 3)
        #expect(report.partials == 3, "found by listing the prefix; notes.txt is not a partial")
        let single = try await Aggregation.run(from: .bytes(plain), try AggregateSpec(sql: Self.sql))
        #expect(report.summary.rowsRead == 9_000)
        #expect(report.summary.result.columns.prefix(3) == single.result.columns.prefix(3))
        let result = try #require(store.blob(container: "demo", name: "aggregated/q1.parquet"))
        #expect(try ParquetReader(bytes: [UInt8](result)).metadata.numRows == Int64(single.result.rowCount))
        #expect(enforcer.refused.isEmpty, "every request carried a SAS granting it: \(enforcer.refused)")

        // A second job whose map task 2 never wrote its partial: the merge finds two and refuses to merge.
        do {
            _ = try await runGraph("q2", skipping: "2")
            Issue.record("a merge with a partial missing succeeded")
        } catch let failure as AnalyticsFailure {
            #expect(failure.description.contains("incompletePartials"), "\(failure)")
            #expect(
                failure.description.contains("expected 3 partial results") || failure.description.contains("1 missing"),
                "\(failure)")
            #expect(!failure.description.contains("sig="))
        }
        #expect(store.blob(container: "demo", name: "aggregated/q2.parquet") == nil)

        // The enforcer is real: a prefix whose SAS cannot list is refused, and the message keeps the SAS out.
        let container = try BlobURL(endpoint: try BlobURL(parsing: Self.root).endpoint, containerName: "demo")
        let readOnly = try issuer.url(for: container, permissions: .read, expiry: Date().addingTimeInterval(600))
        let listing = try BlobURL(
            endpoint: readOnly.endpoint, containerName: "demo", blobName: "aggregated/partials/q1/",
            sasToken: readOnly.sasToken)
        do {
            _ = try await PartialMergeRun(
                partials: [listing.urlWithSAS.absoluteString], output: try DataLocation("-"), sql: Self.sql,
                access: access
            ).run()
            Issue.record("a listing without the list permission succeeded")
        } catch let failure as AnalyticsFailure {
            #expect(failure.description.contains("cannot list partials under"), "\(failure)")
            #expect(!failure.description.contains("sig="))
        }
        #expect(enforcer.refused.contains { $0.hasPrefix("GET (container)") })
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
}
