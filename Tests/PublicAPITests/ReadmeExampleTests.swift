// The README's module examples, compiled without @testable so they track the public API. Examples that need
// Azure are compiled only (they are functions the tests never call with real endpoints); the rest run.
import AirlineAggregation
import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureRegistryKit
import ContainerImageKit
import Foundation
import ParquetKit
import Testing

enum ReadmeExamples {
    static func batch(identityID: String, subscriptionID: String, inputURL: (Int) -> String, outputURL: (Int) -> String)
        async throws
    {
        let credential = try DefaultAzureCredential()
        let batch = try BatchClient(
            endpoint: URL(string: "https://jobs.westeurope.batch.azure.com")!, credential: credential)
        let pool = PoolSpecification(id: "Airlines", vmSize: "standard_e2s_v3") {
            Image.ubuntu2404Containers
            Containers(
                images: ["myregistry.azurecr.io/airline-analytics:1.0"],
                registries: [.managedIdentity("myregistry.azurecr.io", resourceID: identityID)])
            AutoScale(.scaleToZeroWhenIdle(afterMinutes: 10, maxNodes: 8))
        }
        let account = try BatchAccountReference(
            subscriptionID: subscriptionID, resourceGroup: "rg-batch", accountName: "jobs")
        try await BatchManagementClient(account: account, credential: credential).createPoolIfAbsent(pool)
        try await batch.createJob(
            JobSpecification(id: "airlines-2026", pool: "Airlines") { OnAllTasksComplete(.terminatejob) })
        let tasks = (2001...2008).map { year in
            TaskSpecification(
                id: "airlines\(year)",
                command: ["/app/AirlineAnalytics", "--input", inputURL(year), "--output", outputURL(year)]
            ) {
                Container(image: "myregistry.azurecr.io/airline-analytics:1.0")
                Retries(2)
            }
        }
        try await batch.addTasks(tasks, toJob: "airlines-2026")
        for try await progress in batch.taskProgress(job: "airlines-2026") { print(progress) }
    }

    static func blob(consume: (Data) -> Void) async throws {
        let service = try BlobServiceClient(
            endpoint: URL(string: "https://data.blob.core.windows.net")!,
            credential: .token(DefaultAzureCredential()))
        let issuer = try await service.sasIssuer(validFor: .seconds(6 * 3600))
        let access = try issuer.taskAccess(
            input: BlobURL(parsing: "wasbs://demo@data.blob.core.windows.net/raw/airlines/2007.csv.bz2"),
            output: .blob(BlobURL(parsing: "wasbs://demo@data.blob.core.windows.net/aggregated/airlines/2007.parquet")),
            lifetime: .seconds(7200))
        let input = try BlobClient(url: access.inputURL)
        for try await chunk in input.downloadStream() { consume(chunk) }
        let output = try BlobClient(url: access.outputURL)
        try await output.upload(file: "2007.parquet", options: .init(contentType: "application/vnd.apache.parquet"))
    }

    static func registry(user: String, password: String) async throws {
        let registry = RegistryAccess.adminUser(
            loginServer: "myregistry.azurecr.io", username: user, password: password)
        let image = try ContainerImageReference(parsing: "myregistry.azurecr.io/airline-analytics:1.0")
        let check = try await registry.client().verify(image: image)
        try check.requireAvailable()
        _ = registry.batchRegistry
    }

    static func containerImage(binary: URL) async throws {
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
        print("AIRLINE_IMAGE=\(report.pinnedReference)")
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
