import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import AzureRegistryKit
import Foundation
import SubmitYearsCore
import Testing

/// SubmitYears' Azure path against a recorded conversation: the image is there, the pool exists, the job gets
/// eight tasks, progress runs to completion, one task fails and is reported with its stderr, the exit is non-zero.
@Suite("SubmitYears on Azure (recorded)")
struct AzurePathTests {
    /// A made-up base64 key: it signs SAS locally and never leaves the test.
    static let storageKey = Data(repeating: 7, count: 64).base64EncodedString()

    static func settings() throws -> AzureSettings {
        try AzureSettings.load(
            environment: EnvironmentVariables([
                "AZURE_BATCH_ENDPOINT": "https://acct.westeurope.batch.azure.com",
                "AZURE_BATCH_ACCOUNT": "acct",
                "AZURE_BATCH_ACCESS_KEY": storageKey,
                "AZURE_STORAGE_ACCOUNT": "demo",
                "AZURE_STORAGE_KEY": storageKey,
            ]))
    }

    /// Where the Azure path writes its HTML report in these tests.
    static let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "submit-years-azure-tests")

    static func app(transport: any HTTPTransport, console: Console, dryRun: Bool = false) throws -> SubmitYearsApp {
        var options = SubmitYearsApp.Options()
        options.jobID = "airlines-test-job"
        options.dryRun = dryRun
        options.localDirectory = reportDirectory.path
        let real = AzureClock.continuous
        let immediate = AzureClock(now: real.now, sleep: { _ in }, random: { 0.5 })
        return SubmitYearsApp(
            options: options, settings: try settings(),
            environment: EnvironmentVariables(["AIRLINE_IMAGE": "devregistry.azurecr.io/airline-analytics:1.0"]),
            console: console, taskProgram: URL(fileURLWithPath: "/bin/false"),
            progressOptions: TaskProgressOptions(interval: .milliseconds(1), jitter: 0, clock: immediate),
            makeClients: { settings, submit in
                let core = ServiceClientOptions(retry: .init(maxRetries: 0), transport: transport)
                let batchSettings = try #require(try settings.batch)
                let batch = try BatchClient(
                    endpoint: batchSettings.endpoint, credential: try #require(batchSettings.sharedKey),
                    options: BatchClientOptions(core: core))
                let key = try #require(try settings.storage?.credential.sharedKey)
                let registry = try submit.registryAccess.map { try $0.client(options: .init(core: core)) }
                return AzureClients(batch: batch, registry: registry, sasIssuer: try .accountKey(key))
            })
    }

    @Test("pool exists → job → 8 tasks → progress → one failure with its stderr → exit 1")
    func recordedRun() async throws {
        let fixture = try Fixture.load(contentsOf: Fixtures.url("submit-years-azure.json"))
        let transport = FixtureTransport(fixture: fixture)
        let (console, captured) = Console.capturing()
        let app = try Self.app(transport: transport, console: console)
        let status = await app.run()
        let text = captured.text
        #expect(status == 1, "\(text)")
        try transport.assertAllUsed()
        #expect(text.contains("image devregistry.azurecr.io/airline-analytics:1.0 is available"))
        #expect(text.contains("Pool airlines: exists"))
        #expect(text.contains("Tasks: 8 added in 1 request(s)"))
        #expect(text.contains("8 tasks: 5 waiting, 3 running, 0 done"))
        #expect(text.contains("8 tasks: 0 waiting, 0 running, 8 done (7 succeeded, 1 failed)"))
        for year in 2001...2008 where year != 2005 { #expect(text.contains("airlines\(year): succeeded, exit code 0")) }
        #expect(text.contains("airlines2005: FAILED, exit code 1"))
        #expect(text.contains("corruptCompressedInput: bzip2 block 3 CRC mismatch"))
        #expect(text.contains("Elapsed time:"))
        #expect(text.contains("1 of 8 tasks failed."))

        // The HTML report: every task, the failure with its stderr, no signature.
        let reportFile = Self.reportDirectory.appendingPathComponent("reports/airlines-test-job.html")
        #expect(text.contains("Report: \(reportFile.path)"))
        let report = try String(contentsOf: reportFile, encoding: .utf8)
        #expect(report.components(separatedBy: "<tr class=\"task ").count - 1 == 8)
        #expect(report.contains("<details open><summary>airlines2005"))
        #expect(report.contains("corruptCompressedInput: bzip2 block 3 CRC mismatch"))
        #expect(
            !report.contains("sig=")
                || report.components(separatedBy: "sig=").dropFirst().allSatisfy { $0.hasPrefix("REDACTED") })

        // What was sent: tasks carry per-task SAS URLs, never the account key.
        let add = try #require(transport.requests.first { $0.url.path.hasSuffix("/addtaskcollection") })
        let body = String(decoding: try await add.body.collect(), as: UTF8.self)
        #expect(body.contains("AirlineAnalytics --input"))
        #expect(body.contains("sp=r&") || body.contains("sp=r\\u0026"))
        #expect(!body.contains(Self.storageKey))
        // Pinned to the digest the preflight saw (the recorded HEAD's Docker-Content-Digest), not the movable tag.
        #expect(body.contains("devregistry.azurecr.io/airline-analytics@sha256:" + String(repeating: "ab", count: 32)))
        #expect(!body.contains("airline-analytics:1.0"))
        #expect(!text.contains("sig="))
    }

    @Test("a missing image fails fast with one line, before any pool or job is created")
    func preflightFails() async throws {
        let fixture = Fixture(
            name: "image-missing",
            interactions: [
                .init(
                    request: .init(
                        method: "HEAD", url: "https://devregistry.azurecr.io/v2/airline-analytics/manifests/1.0"),
                    response: .init(status: 404, headers: ["Docker-Distribution-Api-Version": "registry/2.0"]))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let (console, captured) = Console.capturing()
        let app = try Self.app(transport: transport, console: console)
        let status = await app.run()
        #expect(status == 1)
        #expect(transport.requests.count == 1)
        let errors = captured.text.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.count == 1)
        #expect(
            errors.first?.contains("preflight failed") == true && errors.first?.contains("not found") == true,
            "\(captured.text)")
    }

    @Test("--dry-run prints pool, job and tasks with the SAS signature redacted, and sends nothing")
    func dryRun() async throws {
        let transport = FixtureTransport(fixture: Fixture(name: "none", interactions: []))
        let (console, captured) = Console.capturing()
        let app = try Self.app(transport: transport, console: console, dryRun: true)
        let status = await app.run()
        let text = captured.text
        #expect(status == 0, "\(text)")
        #expect(transport.requests.isEmpty)
        #expect(text.contains("POST /pools"))
        #expect(text.contains("\"targetLowPriorityNodes\" : 3") || text.contains("\"targetLowPriorityNodes\": 3"))
        #expect(text.contains("ubuntu"))
        #expect(text.contains("airlines2008"))
        #expect(text.contains("sig=REDACTED"))
        #expect(!text.contains(Self.storageKey))
        let signatures = text.components(separatedBy: "sig=").dropFirst()
        #expect(signatures.count == 16)
        #expect(signatures.allSatisfy { $0.hasPrefix("REDACTED") })
    }

    @Test("a registry password is redacted in the dry run")
    func dryRunRedactsPassword() throws {
        let plan = JobPlan(
            jobID: "j", image: "r.azurecr.io/a:1",
            registry: .basic("r.azurecr.io", username: "r", password: "hunter2-secret"))
        let text = try DryRun.text(pool: plan.pool, job: plan.job, completion: plan.jobCompletion, tasks: [])
        #expect(!text.contains("hunter2-secret"))
        #expect(text.contains("REDACTED"))
    }
}
