import AirlineAggregation
import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation
import SubmitYearsCore
import SyntheticAirlineData
import Testing

/// `SubmitYears --one-answer` on "Azure": the Batch calls go to ``BatchEmulator`` (which runs the submitted tasks
/// as processes, in dependency order, and leaves a blocked task `active` as Batch does), the blobs to the
/// in-memory Blob store over loopback. The tasks run a stand-in `AirlineAnalytics` that honours the map/merge
/// contract with `curl`: ranged GETs on its input with the map task's SAS, a PUT of its partial with another, a
/// listing of the partial prefix with the merge's SAS.
@Suite("SubmitYears --one-answer on Azure (emulated Batch, loopback Blob)")
struct AzureOneAnswerTests {
    enum Scenario: String, CaseIterable, Sendable {
        case allSucceed, oneMapFailsOnce, oneMapFailsForGood
    }

    static let key = Data(repeating: 9, count: 64).base64EncodedString()

    /// The stand-in: `failing`/`flaky` name `<input file>:<range start>`.
    static func curlStandIn(in directory: URL, failing: String?, flaky: String?) throws -> URL {
        let script = directory.appendingPathComponent("AirlineAnalytics")
        let markers = directory.appendingPathComponent("markers")
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        let text = """
            \(StandInScript.prologue)
            work=$(mktemp -d)
            trap 'rm -rf "$work"' EXIT
            case "$role" in
              map)
                name=$(basename "${input%%\\?*}"); start=${range%%-*}; end=${range#*-}
                key="$name:$start"
                if [ "$key" = "\(failing ?? "-")" ]; then echo "stand-in: simulated failure reading $key" >&2; exit 3; fi
                if [ "$key" = "\(flaky ?? "-")" ] && [ ! -e "\(markers.path)/$start" ]; then
                  touch "\(markers.path)/$start"; echo "stand-in: transient failure" >&2; exit 1
                fi
                curl -sSf -r "$start-$((end - 1))" -o "$work/range" "$input" || exit 66
                [ "$(wc -c < "$work/range")" -eq $((end - start)) ] || { echo "stand-in: short range" >&2; exit 67; }
                printf '%s %s\\n' "$name" "$range" > "$work/partial"
                curl -sSf -X PUT -H 'x-ms-blob-type: BlockBlob' --data-binary @"$work/partial" "$partial" || exit 68 ;;
              merge)
                base=${partials%%\\?*}; sas=${partials#*\\?}
                rest=${base#http://*/}; host=${base%%/$rest}
                account=${rest%%/*}; rest=${rest#*/}; container=${rest%%/*}; prefix=${rest#*/}
                curl -sSf -o "$work/list" "$host/$account/$container?restype=container&comp=list&prefix=$prefix&$sas" || exit 69
                grep -o '<Name>[^<]*</Name>' "$work/list" | sed 's/<Name>//; s/<\\/Name>//' | grep '\\.partial\\.parquet$' > "$work/names"
                found=$(grep -c . "$work/names")
                [ "$found" -eq "$expect" ] || { echo "stand-in: expected $expect partial results, found $found" >&2; exit 65; }
                : > "$work/merged"
                while read -r blob; do curl -sSf "$host/$account/$container/$blob?$sas" >> "$work/merged" || exit 70; done < "$work/names"
                curl -sSf -X PUT -H 'x-ms-blob-type: BlockBlob' --data-binary @"$work/merged" "$output" || exit 71 ;;
              *) echo "stand-in: unknown role $role" >&2; exit 64 ;;
            esac
            """
        return try StandInScript.write(text, to: script)
    }

    /// Everything a run needs: three years as blobs (plus a file the pattern must skip), the emulator, the app.
    struct Setup {
        var app: SubmitYearsApp
        var captured: CapturedText
        var emulator: BatchEmulator
        var blobs: BlobLoopback
        var sizes: [String: Int64]
        var base: String
        var jobID: String { app.options.jobID ?? "" }
    }

    static func setup(_ scenario: Scenario, in directory: URL, dryRun: Bool = false) async throws -> Setup {
        let blobs = try await BlobLoopback.start()
        var sizes: [String: Int64] = [:]
        for year in 2001...2003 {
            let file = directory.appendingPathComponent("\(year).csv")
            _ = try AirlineDataGenerator(year: year, rows: 800, seed: UInt64(year)).write(to: file.path)
            let data = try Data(contentsOf: file)
            blobs.store.put(container: "demo", name: "raw/airlines/\(year).csv", data: data)
            sizes["\(year).csv"] = Int64(data.count)
        }
        blobs.store.put(container: "demo", name: "raw/airlines/readme.txt", data: Data("not an input".utf8))
        let base = "http://127.0.0.1:\(blobs.server.port)/devstoreaccount1/demo/"
        let script = try Self.curlStandIn(
            in: directory, failing: scenario == .oneMapFailsForGood ? "2002.csv:0" : nil,
            flaky: scenario == .oneMapFailsOnce ? "2002.csv:0" : nil)
        let emulator = BatchEmulator(
            workDirectory: directory.appendingPathComponent("nodes"),
            environment: ["PATH": script.deletingLastPathComponent().path + ":/usr/bin:/bin"])

        var options = SubmitYearsApp.Options()
        options.jobID = "one-answer-\(scenario.rawValue.lowercased())"
        options.oneAnswer = true
        options.dryRun = dryRun
        options.bytesPerTask = 30_000
        options.spotNodes = 2
        options.inputPattern = "*.csv"
        options.inputPrefix = base + "raw/airlines/"
        options.outputPrefix = base + "aggregated/"
        options.localDirectory = directory.path
        let settings = try AzureSettings.load(
            environment: EnvironmentVariables([
                "AZURE_BATCH_ENDPOINT": "https://acct.westeurope.batch.azure.com", "AZURE_BATCH_ACCOUNT": "acct",
                "AZURE_BATCH_ACCESS_KEY": Self.key, "AZURE_STORAGE_ACCOUNT": "devstoreaccount1",
                "AZURE_STORAGE_KEY": Self.key,
            ]))
        let (console, captured) = Console.capturing()
        let port = blobs.server.port
        let app = SubmitYearsApp(
            options: options, settings: settings,
            environment: EnvironmentVariables(["AIRLINE_IMAGE": "devregistry.azurecr.io/airline-analytics:1.0"]),
            console: console, taskProgram: script,
            progressOptions: TaskProgressOptions(interval: .milliseconds(20), jitter: 0),
            makeClients: { settings, _ in
                let core = ServiceClientOptions(retry: .init(maxRetries: 0), transport: emulator)
                let batchSettings = try #require(try settings.batch)
                let batch = try BatchClient(
                    endpoint: batchSettings.endpoint, credential: try #require(batchSettings.sharedKey),
                    options: BatchClientOptions(core: core))
                let key = try SharedKeyCredential(accountName: "devstoreaccount1", accountKey: Self.key)
                let service = try BlobServiceClient(
                    endpoint: URL(string: "http://127.0.0.1:\(port)/devstoreaccount1")!, credential: .sharedKey(key))
                return AzureClients(batch: batch, registry: nil, sasIssuer: try .accountKey(key), blobService: service)
            })
        return Setup(app: app, captured: captured, emulator: emulator, blobs: blobs, sizes: sizes, base: base)
    }

    @Test("--dry-run lists the inputs and prints the graph with every signature redacted; nothing reaches Batch")
    func dryRun() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let setup = try await Self.setup(.allSucceed, in: directory, dryRun: true)
        let status = await setup.app.run()
        await setup.blobs.shutdown()
        let text = setup.captured.text
        #expect(status == 0, "\(text)")
        #expect(setup.emulator.requests.isEmpty)
        #expect(text.contains(#""usesTaskDependencies" : true"#))
        #expect(text.contains("--partials '\(setup.base)aggregated/partials/\(setup.jobID)/?"))
        #expect(!text.contains("readme.txt"))
        let signatures = text.components(separatedBy: "sig=").dropFirst()
        #expect(signatures.count >= 2 * 6 + 2 && signatures.allSatisfy { $0.hasPrefix("REDACTED") })
        #expect(!text.contains(Self.key))
    }

    @Test(arguments: Scenario.allCases)
    func graphRunsOnBatch(scenario: Scenario) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let setup = try await Self.setup(scenario, in: directory)
        let (app, captured, emulator, blobs, sizes, base) = (
            setup.app, setup.captured, setup.emulator, setup.blobs, setup.sizes, setup.base
        )
        let status = await app.run()
        await blobs.shutdown()
        let text = captured.text
        let jobID = setup.jobID

        // The graph as Batch received it: dependencies on, the merge waiting for the range of map tasks.
        let job = try #require(emulator.job(jobID), "\(text)")
        #expect(job.usesTaskDependencies == true)
        let tasks = emulator.tasks(jobID)
        let maps = tasks.filter { $0.id != "merge" }
        let merge = try #require(tasks.first { $0.id == "merge" })
        #expect(maps.count >= 6, "three ~70 KB inputs at 30,000 bytes per task")
        #expect(merge.dependsOn == TaskDependencies(taskIdRanges: [TaskIdRange(start: 1, end: maps.count)]))
        #expect(merge.commandLine.contains("--expect \(maps.count)"))
        #expect(!maps.contains { $0.commandLine.contains("readme.txt") }, "only *.csv is selected")
        // Each task holds exactly the access it needs.
        for map in maps {
            let words = try ShellQuoting.split(map.commandLine)
            let input = try #require(words.firstIndex(of: "--input").map { words[$0 + 1] })
            let partial = try #require(words.firstIndex(of: "--partial-output").map { words[$0 + 1] })
            #expect(input.contains("sr=b") && input.contains("sp=r&"), "\(input)")
            #expect(partial.contains("/partials/\(jobID)/\(map.id).partial.parquet?") && partial.contains("sp=cw&"))
            #expect(map.constraints?.maxTaskRetryCount == 2)
        }
        let mergeWords = try ShellQuoting.split(merge.commandLine)
        let partials = try #require(mergeWords.firstIndex(of: "--partials").map { mergeWords[$0 + 1] })
        #expect(
            partials.hasPrefix(base + "aggregated/partials/\(jobID)/?") && partials.contains("sr=c")
                && partials.contains("sp=rl&")
        )
        let output = try #require(mergeWords.firstIndex(of: "--output").map { mergeWords[$0 + 1] })
        #expect(output.hasPrefix(base + "aggregated/\(jobID).parquet?") && output.contains("sp=cw&"))
        #expect(
            !text.contains("sig=")
                || text.components(separatedBy: "sig=").dropFirst().allSatisfy { $0.hasPrefix("REDACTED") })

        let result = blobs.store.blob(container: "demo", name: "aggregated/\(jobID).parquet")
        switch scenario {
        case .allSucceed, .oneMapFailsOnce:
            #expect(status == 0, "\(text)")
            let merged = String(decoding: try #require(result, "no result blob\n\(text)"), as: UTF8.self)
            var ranges: [String: [(Int64, Int64)]] = [:]
            for line in merged.split(separator: "\n") {
                let parts = line.split(separator: " ")
                let bounds = parts[1].split(separator: "-").compactMap { Int64($0) }
                ranges[String(parts[0]), default: []].append((bounds[0], bounds[1]))
            }
            #expect(merged.split(separator: "\n").count == maps.count)
            for (name, size) in sizes {
                let sorted = (ranges[name] ?? []).sorted { $0.0 < $1.0 }
                #expect(
                    sorted.first?.0 == 0 && sorted.last?.1 == size
                        && zip(sorted, sorted.dropFirst()).allSatisfy { $0.1 == $1.0 })
            }
            #expect(!emulator.requests.contains { $0.hasSuffix("/terminate") })
            #expect(text.contains("Result: \(base)aggregated/\(jobID).parquet\n"))
            if scenario == .oneMapFailsOnce {
                // It did fail once (its marker is there) and Batch's retry made the answer complete anyway.
                #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("markers/0").path))
            }
        case .oneMapFailsForGood:
            #expect(status == 1, "\(text)")
            #expect(result == nil, "no result without every partial")
            #expect(emulator.requests.contains("POST /jobs/\(jobID)/terminate"))
            #expect(text.contains("failed: \(base)raw/airlines/2002.csv bytes 0-"), "\(text)")
            #expect(text.contains("simulated failure reading 2002.csv:0"))
            #expect(text.contains("task merge did not run: blocked"))
            #expect(
                !FileManager.default.fileExists(atPath: directory.appendingPathComponent("nodes/\(jobID)/merge").path))
        }
    }
}
