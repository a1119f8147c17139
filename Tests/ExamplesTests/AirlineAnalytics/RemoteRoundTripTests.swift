import AirlineAggregation
import AirlineAnalyticsCore
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation
import ParquetKit
import SyntheticAirlineData
import Testing

/// Blob in, Parquet blob out, against the in-memory Blob service: in process through its transport, and from the
/// AirlineAnalytics executable over real sockets (an emulator URL, as with Azurite).
@Suite("AirlineAnalytics with blobs")
struct RemoteRoundTripTests {
    static func sampleCSV(rows: Int = 2_000) -> Data {
        Data(AirlineDataGenerator(year: 2007, rows: rows, seed: 11).csvBytes())
    }

    @Test("compressed CSV blob → Parquet blob, in process; the staging folder is removed")
    func inProcess() async throws {
        let store = InMemoryBlobStore()
        store.put(container: "demo", name: "raw/airlines/2007.csv.bz2", data: try Fixtures.data("sample.csv.bz2"))
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let request = AnalyticsRequest(
            input: try DataLocation("http://127.0.0.1:10000/devstoreaccount1/demo/raw/airlines/2007.csv.bz2"),
            output: try DataLocation("http://127.0.0.1:10000/devstoreaccount1/demo/aggregated/airlines/2007.parquet"),
            progress: .none)
        let before = Set(listTopLevel(FileManager.default.temporaryDirectory))
        let report = try await AnalyticsRun(request: request, access: access).run()
        #expect(report.summary.rowsRead == 400)
        #expect(report.inputBytes == Int64(try Fixtures.data("sample.csv.bz2").count))
        let parquet = try #require(store.blob(container: "demo", name: "aggregated/airlines/2007.parquet"))
        let reader = try ParquetReader(bytes: [UInt8](parquet))
        #expect(reader.metadata.numRows == Int64(report.summary.groups))
        let after = Set(listTopLevel(FileManager.default.temporaryDirectory))
        #expect(after.subtracting(before).filter { $0.hasPrefix("airline-analytics-") }.isEmpty)
    }

    @Test("a plain CSV blob is streamed into the kernel; bytes are counted for the progress display")
    func streamsPlainInput() async throws {
        let store = InMemoryBlobStore()
        let csv = Self.sampleCSV(rows: 5_000)
        store.put(container: "demo", name: "raw/2007.csv", data: csv)
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let request = AnalyticsRequest(
            input: try DataLocation("http://127.0.0.1:10000/devstoreaccount1/demo/raw/2007.csv"),
            output: nil, progress: .none)
        let report = try await AnalyticsRun(request: request, access: access).run()
        #expect(report.summary.rowsRead == 5_000)
        #expect(report.inputBytes == Int64(csv.count))
        #expect(report.summary.bytesRead == csv.count)
    }

    @Test("a remote destination is staged locally, uploaded once complete, then the staging folder is removed")
    func stagedUpload() async throws {
        let store = InMemoryBlobStore()
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let output = try AnalyticsOutput.prepare(
            try DataLocation("http://127.0.0.1:10000/devstoreaccount1/demo/aggregated/2007.parquet"), codec: .snappy,
            sparkLayout: false)
        let local = try #require(output.kernelOutput.path)
        #expect(!local.contains("127.0.0.1"))
        let payload = Data("PAR1 not really parquet PAR1".utf8)
        try payload.write(to: URL(fileURLWithPath: local))
        let written = try await output.finish(files: [local], access: access)
        #expect(written == ["http://127.0.0.1:10000/devstoreaccount1/demo/aggregated/2007.parquet"])
        #expect(store.blob(container: "demo", name: "aggregated/2007.parquet") == payload)
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: local).deletingLastPathComponent().path))
    }

    @Test("a missing input blob fails with one line and writes no output blob")
    func missingBlob() async throws {
        let store = InMemoryBlobStore()
        let access = BlobAccess(
            environment: EnvironmentVariables([:]),
            options: BlobClientOptions(core: ServiceClientOptions(transport: store.transport)))
        let request = AnalyticsRequest(
            input: try DataLocation("http://127.0.0.1:10000/devstoreaccount1/demo/raw/none.csv"),
            output: try DataLocation("http://127.0.0.1:10000/devstoreaccount1/demo/out/none.parquet"), progress: .none)
        await #expect {
            _ = try await AnalyticsRun(request: request, access: access).run()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("cannot read input") && !text.contains("\n")
        }
        #expect(store.blob(container: "demo", name: "out/none.parquet") == nil)
    }

    @Test("the executable reads and writes emulator URLs over real sockets")
    func executableOverLoopback() async throws {
        let loopback = try await BlobLoopback.start()
        let csv = Self.sampleCSV()
        loopback.store.put(container: "demo", name: "raw/2007.csv", data: csv)
        let result = try await runProcess(
            try BuiltProducts.executable("AirlineAnalytics"),
            [
                "--input", loopback.url(container: "demo", name: "raw/2007.csv"),
                "--output", loopback.url(container: "demo", name: "out/2007.parquet"), "--progress", "lines",
            ])
        await loopback.shutdown()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rows read 2000"))
        let parquet = try #require(loopback.store.blob(container: "demo", name: "out/2007.parquet"))
        let reader = try ParquetReader(bytes: [UInt8](parquet))
        #expect(reader.metadata.numRows > 0)
    }
}

func listTopLevel(_ directory: URL) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
}
