import AzureKitCore
import AzureKitTesting
import Foundation
import Logging
import Testing

@testable import AzureBatchKit

@Suite struct RequestOptionTests {
    struct FakeToken: TokenCredential {
        func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
            guard scopes == ["https://batch.core.windows.net//.default"] else {
                throw AzureClientError(.invalidArgument, "scope \(scopes)")
            }
            return AccessToken(token: "fake-token", expiresOn: Date(timeIntervalSinceNow: 3600))
        }
    }

    static let poolBody =
        #"{"id":"p","vmSize":"standard_d2s_v3","state":"active","allocationState":"steady","eTag":"0x8D"}"#

    @Test func apiVersionConditionsAndBearerTokenAreSent() async throws {
        let fixture = Fixture(
            name: "conditions",
            interactions: [
                .init(
                    request: .init(
                        method: "GET",
                        url: "https://account.region.batch.azure.com/pools/p?api-version=2026-10-01&$select=id%2Cstate",
                        headers: [
                            "If-Match": "0x8D", "If-Modified-Since": "Wed, 01 Oct 2025 12:00:00 GMT",
                            "Accept": "application/json",
                        ]),
                    response: .init(status: 200, headers: ["Content-Type": "application/json"], body: Self.poolBody)),
                .init(
                    request: .init(
                        method: "POST",
                        url: "https://account.region.batch.azure.com/pools/p/resize?api-version=2026-10-01",
                        headers: ["If-None-Match": "0x8E"],
                        body: #"{"targetLowPriorityNodes":5,"resizeTimeout":"PT10M"}"#),
                    response: .init(status: 202)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try BatchClient(
            endpoint: TestSupport.endpoint, credential: FakeToken(),
            options: .init(apiVersion: .v2026_10_01, core: .init(transport: transport)))
        let pool = try await client.getPool(
            "p", select: ["id", "state"],
            conditions: .init(
                ifMatch: "0x8D", ifModifiedSince: Date(timeIntervalSince1970: 1_759_320_000)))
        #expect(pool.state == .active && pool.allocationState == .steady)
        try await client.resizePool(
            "p", .init(targetLowPriorityNodes: 5, resizeTimeout: .seconds(600)), conditions: .init(ifNoneMatch: "0x8E"))
        try transport.assertAllUsed()
        #expect(transport.requests.allSatisfy { $0.headers["Authorization"] == "Bearer fake-token" })
    }

    @Test func autoscaleOperationsSendTheDocumentedBodies() async throws {
        let base = "https://account.region.batch.azure.com/pools/p"
        let fixture = Fixture(
            name: "autoscale",
            interactions: [
                .init(
                    request: .init(
                        method: "POST", url: "\(base)/enableautoscale?api-version=2025-06-01",
                        body: #"{"autoScaleFormula":"$TargetDedicatedNodes=0","autoScaleEvaluationInterval":"PT8M"}"#),
                    response: .init(status: 200)),
                .init(
                    request: .init(
                        method: "POST", url: "\(base)/evaluateautoscale?api-version=2025-06-01",
                        body: #"{"autoScaleFormula":"$TargetDedicatedNodes=1"}"#),
                    response: .init(
                        status: 200,
                        body:
                            #"{"timestamp":"2025-11-22T19:39:28.5246331Z","results":"$TargetDedicatedNodes=1;$NodeDeallocationOption=requeue"}"#
                    )),
                .init(
                    request: .init(method: "POST", url: "\(base)/disableautoscale?api-version=2025-06-01"),
                    response: .init(status: 200)),
                .init(
                    request: .init(method: "DELETE", url: "\(base)?api-version=2025-06-01"),
                    response: .init(status: 202)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try TestSupport.client(transport)
        try await client.enableAutoScale(pool: "p", formula: "$TargetDedicatedNodes=0", interval: .seconds(480))
        let run = try await client.evaluateAutoScale(pool: "p", formula: "$TargetDedicatedNodes=1")
        #expect(run.results?.hasPrefix("$TargetDedicatedNodes=1") == true)
        try await client.disableAutoScale(pool: "p")
        try await client.deletePool("p")
        try transport.assertAllUsed()
        #expect(transport.requests.last?.headers["Content-Length"] == "0")
    }

    @Test func taskAndJobOperationsUseTheDocumentedPaths() async throws {
        let base = "https://account.region.batch.azure.com/jobs/j"
        let fixture = Fixture(
            name: "tasks",
            interactions: [
                .init(
                    request: .init(
                        method: "POST", url: "\(base)/tasks?api-version=2025-06-01",
                        body: #"{"id":"t","commandLine":"/bin/true"}"#),
                    response: .init(status: 201)),
                .init(
                    request: .init(method: "POST", url: "\(base)/tasks/t/terminate?api-version=2025-06-01"),
                    response: .init(status: 204)),
                .init(
                    request: .init(method: "DELETE", url: "\(base)/tasks/t?api-version=2025-06-01"),
                    response: .init(status: 200)),
                .init(
                    request: .init(
                        method: "PATCH", url: "\(base)?api-version=2025-06-01",
                        body: #"{"onAllTasksComplete":"terminatejob"}"#),
                    response: .init(status: 200)),
                .init(
                    request: .init(
                        method: "POST", url: "\(base)/terminate?api-version=2025-06-01&force=true",
                        body: #"{"terminateReason":"done"}"#),
                    response: .init(status: 202)),
                .init(
                    request: .init(method: "DELETE", url: "\(base)?api-version=2025-06-01"),
                    response: .init(status: 202)),
                .init(
                    request: .init(
                        method: "GET",
                        url:
                            "https://account.region.batch.azure.com/pools/p/nodes/n1/files/startup%2Fstdout.txt?api-version=2025-06-01",
                        headers: ["ocp-range": "bytes=0-4"]),
                    response: .init(
                        status: 206,
                        headers: [
                            "Content-Length": "5", "ocp-batch-file-isdirectory": "false",
                            "ocp-batch-file-mode": "0100644",
                        ], body: "hello")),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try TestSupport.client(transport)
        try await client.addTask(TaskSpecification(id: "t", command: TaskCommandLine(["/bin/true"])), toJob: "j")
        try await client.terminateTask(job: "j", task: "t")
        try await client.deleteTask(job: "j", task: "t")
        try await client.updateJob("j", JobUpdate(onAllTasksComplete: .terminateJob))
        try await client.terminateJob("j", reason: "done", force: true)
        try await client.deleteJob("j")
        let file = try await client.nodeFile(
            pool: "p", node: "n1", path: "startup/stdout.txt", range: FileByteRange(0...4))
        #expect(
            file.text == "hello" && file.info.contentLength == 5 && file.info.isDirectory == false
                && file.info.fileMode == "0100644")
        try transport.assertAllUsed()
    }

    @Test func tailRangesNeverPassTheEnd() {
        #expect(FileByteRange.tail(100, ofLength: 5000)?.headerValue == "bytes=4900-4999")
        #expect(FileByteRange.tail(100, ofLength: 40)?.headerValue == "bytes=0-39")
        #expect(FileByteRange.tail(100, ofLength: 0) == nil)
    }

    @Test func addTaskCollectionRejectsMoreThanOneHundred() async throws {
        let client = try TestSupport.client(FixtureTransport(fixture: Fixture(name: "none", interactions: [])))
        let tasks = (0..<101).map { TaskSpecification(id: "t\($0)", commandLine: "x") }
        await #expect(throws: AzureClientError.self) { _ = try await client.addTaskCollection(tasks, toJob: "j") }
        await #expect(throws: AzureClientError.self) {
            try await client.addTasks(
                [TaskSpecification(id: "a", commandLine: "x"), TaskSpecification(id: "A", commandLine: "y")], toJob: "j"
            )
        }
    }
}

@Suite struct SharedKeyIntegrationTests {
    /// The key of the reference vectors (bytes 0…63), not a real account's.
    static let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="

    @Test func sharedKeyRequestsAreSignedWithOcpDate() async throws {
        let transport = CountsTransport(TaskCounts(completed: 1, succeeded: 1))
        let client = try BatchClient(
            endpoint: URL(string: "https://devacct.westus2.batch.azure.com")!,
            credential: try SharedKeyCredential(accountName: "devacct", accountKey: Self.key),
            options: .init(core: .init(transport: transport)))
        let counts = try await client.taskCounts(job: "job-1")
        #expect(counts.taskCounts.isComplete)
        let request = try #require(transport.lastRequest)
        #expect(request.headers["Authorization"]?.hasPrefix("SharedKey devacct:") == true)
        #expect(request.headers["ocp-date"]?.hasSuffix(" GMT") == true)
        #expect(!String(describing: request.headers).contains(Self.key))
    }
}
