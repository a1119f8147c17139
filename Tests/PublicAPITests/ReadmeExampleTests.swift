// The README's module examples, compiled without @testable so they track the public API. Examples that need
// Azure are compiled only (they are functions the tests never call with real endpoints); the rest run. Each
// `// snippet:` region is the README's example (DocSnippetTests checks they match), so neither can change alone.
import AirlineAggregation
import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureRegistryKit
import ContainerImageKit
import Foundation
import ParquetKit
import SyntheticAirlineData
import Testing

enum ReadmeExamples {
    static func batch(identityID: String, subscriptionID: String, inputURL: (Int) -> String, outputURL: (Int) -> String)
        async throws
    {
        // snippet: README.md#AzureBatchKit
        let credential = try DefaultAzureCredential()
        let batch = try BatchClient(
            endpoint: URL(string: "https://jobs.westeurope.batch.azure.com")!, credential: credential)
        let pool = PoolSpecification(id: "Airlines", vmSize: "standard_e2s_v3") {
            Image.ubuntu2404Containers
            Containers(
                images: ["myregistry.azurecr.io/airline-analytics:1.0"],
                registries: [.managedIdentity("myregistry.azurecr.io", resourceID: identityID)])
            AutoScale(.scaleToZeroWhenIdle(afterMinutes: 10, maxNodes: 8))  // low-priority/Spot nodes
        }
        // Only the management plane (ARM) can attach the identity to the pool: same description, other wire shape.
        let account = try BatchAccountReference(
            subscriptionID: subscriptionID, resourceGroup: "rg-batch", accountName: "jobs")
        try await BatchManagementClient(account: account, credential: credential).createPoolIfAbsent(pool)  // If-None-Match: *
        try await batch.createJob(
            JobSpecification(id: "airlines-2026", pool: "Airlines") { OnAllTasksComplete(.terminateJob) })
        let tasks = (2001...2008).map { year in
            TaskSpecification(
                id: "airlines\(year)",
                command: ["/app/AirlineAnalytics", "--input", inputURL(year), "--output", outputURL(year)]
            ) {
                Container(image: "myregistry.azurecr.io/airline-analytics:1.0")
                Retries(2)
            }
        }
        try await batch.addTasks(tasks, toJob: "airlines-2026")  // ≤100 tasks per request, 8 in flight
        for try await progress in batch.taskProgress(job: "airlines-2026") { print(progress) }  // one request per poll
        // end snippet
    }

    static func blob(consume: (Data) -> Void) async throws {
        // snippet: README.md#AzureBlobKit
        let service = try BlobServiceClient(
            endpoint: URL(string: "https://data.blob.core.windows.net")!,
            credential: .token(DefaultAzureCredential()))
        let issuer = try await service.sasIssuer(validFor: .seconds(6 * 3600))  // user delegation key: no account key
        let access = try issuer.taskAccess(
            input: BlobURL(parsing: "wasbs://demo@data.blob.core.windows.net/raw/airlines/2007.csv.bz2"),
            output: .blob(BlobURL(parsing: "wasbs://demo@data.blob.core.windows.net/aggregated/airlines/2007.parquet")),
            lifetime: .seconds(7200))
        let input = try BlobClient(url: access.inputURL)  // read-only SAS
        for try await chunk in input.downloadStream() { consume(chunk) }  // ranged GETs, verified, in order
        let output = try BlobClient(url: access.outputURL)  // create/write-only SAS
        try await output.upload(file: "2007.parquet", options: .init(contentType: "application/vnd.apache.parquet"))
        // end snippet
    }

    static func registry(user: String, password: String) async throws {
        // snippet: README.md#AzureRegistryKit
        let registry = RegistryAccess.adminUser(
            loginServer: "myregistry.azurecr.io", username: user, password: password)
        let image = try ContainerImageReference(parsing: "myregistry.azurecr.io/airline-analytics:1.0")
        let check = try await registry.client().verify(image: image)
        try check.requireAvailable()  // "myregistry.azurecr.io/airline-analytics:1.0 was not found (MANIFEST_UNKNOWN)"
        let nodeLogin = registry.nodeLogin  // what the pool's containerRegistries entry (AzureBatchKit's ContainerRegistry) carries
        // end snippet
        _ = nodeLogin
    }

    static func containerImage(binary: URL) async throws {
        // snippet: README.md#ContainerImageKit
        let contents = try await ExecutableImageContents(
            executable: binary, installPath: "/usr/local/bin/AirlineAnalytics"
        ).layerContents()
        let image = try ContainerImage(
            layers: [try ImageLayer(contents: contents)],
            runtime: .init(user: "10001:10001", cmd: ["AirlineAnalytics", "--help"]))
        let registry = try ContainerRegistryClient(
            loginServer: "myregistry.azurecr.io", credential: .entraID(DefaultAzureCredential()))
        let report = try await ImagePublisher(client: registry, repository: "airline-analytics").publish(
            image, tag: "1.0")
        print("AIRLINE_IMAGE=\(report.pinnedReference)")  // …/airline-analytics@sha256:…, unchanged layers not re-sent
        // end snippet
    }
}

@Suite("README examples")
struct ReadmeExampleTests {
    @Test("the AirlineAggregation example runs as written and writes the Parquet file")
    func aggregation() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("2007.csv").path
        try AirlineDataGenerator(year: 2007, rows: 20_000, seed: 7).write(to: input)
        let output = folder.appendingPathComponent("2007.parquet").path

        let summary = try await Aggregation.run(
            from: .file(input),
            sql: """
                SELECT Year, Month, DayOfMonth, avg(ArrDelay) AS avg_ArrDelay, avg(DepDelay) AS avg_DepDelay
                FROM airlines GROUP BY Year, Month, DayOfMonth
                """,
            into: .parquet(output))

        #expect(summary.rowsRead == 20_000)
        #expect(summary.groups == 365)
        #expect(try ParquetReader(path: output).metadata.numRows == 365)
    }

    @Test("the DSL pool from the README encodes the container image and autoscale formula")
    func dslPool() throws {
        let pool = PoolSpecification(id: "Airlines", vmSize: "standard_e2s_v3") {
            Image.ubuntu2404Containers
            Containers(images: ["myregistry.azurecr.io/airline-analytics:1.0"])
            AutoScale(.scaleToZeroWhenIdle(afterMinutes: 10, maxNodes: 8))
        }
        let json = try #require(String(data: JSONEncoder().encode(pool), encoding: .utf8))
        #expect(json.contains("airline-analytics:1.0"))
        #expect(json.contains("enableAutoScale"))
        #expect(!json.contains("16-04"))
    }
}
