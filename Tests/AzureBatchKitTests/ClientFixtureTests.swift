import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureBatchKit

/// The client against hand-built cassettes of the documented flows.
@Suite struct ClientFixtureTests {
    /// The original job's pool (16.04 image replaced by the current default), through the DSL.
    static let pool = PoolSpecification(id: "Airlines", vmSize: .standardE2sV3) {
        Containers(
            images: ["myregistry.azurecr.io/airlines/analytics:1.0"],
            registries: [.basic("myregistry.azurecr.io", username: "myregistry", password: "fake-password-for-tests")])
        Nodes(spot: 3)
    }

    @Test func createPoolIfAbsentCreatesThePool() async throws {
        let transport = try TestSupport.cassette("create-pool-created")
        let created = try await TestSupport.client(transport).createPoolIfAbsent(Self.pool)
        #expect(created)
        try transport.assertAllUsed()
        let request = try #require(transport.requests.first)
        #expect(request.headers["Content-Type"] == "application/json; odata=minimalmetadata")
        #expect(request.headers["return-client-request-id"] == "true")
        #expect(request.headers["client-request-id"] != nil)
        #expect(request.headers["ocp-date"] != nil)
    }

    @Test func createPoolIfAbsentTreatsPoolExistsAsSuccess() async throws {
        let transport = try TestSupport.cassette("create-pool-exists")
        let created = try await TestSupport.client(transport).createPoolIfAbsent(Self.pool)
        #expect(!created)
        try transport.assertAllUsed()
    }

    @Test func plainCreatePoolThrowsPoolExists() async throws {
        let transport = try TestSupport.cassette("create-pool-exists")
        await #expect {
            try await TestSupport.client(transport).createPool(Self.pool)
        } throws: { error in
            let error = error as? AzureServiceError
            return error?.code == .poolExists && error?.status == 409 && error?.isAlreadyExists == true
        }
    }

    @Test func createJob() async throws {
        let transport = try TestSupport.cassette("create-job")
        let job = JobSpecification(id: "job-1", pool: "Airlines") { OnTaskFailure(.noAction) }
        try await TestSupport.client(transport).createJob(job)
        try transport.assertAllUsed()
    }

    @Test func poolExistsUsesHead() async throws {
        let transport = try TestSupport.cassette("pool-exists")
        let client = try TestSupport.client(transport)
        #expect(try await client.poolExists("Airlines"))
        #expect(try await !client.poolExists("missing"))
        try transport.assertAllUsed()
    }

    @Test func errorsMapToTypedServiceErrors() async throws {
        let transport = try TestSupport.cassette("errors")
        let client = try TestSupport.client(transport)
        do {
            _ = try await client.getJob("nope")
            Issue.record("expected JobNotFound")
        } catch let error as AzureServiceError {
            #expect(error.status == 404 && error.code == .jobNotFound && error.isNotFound)
            #expect(error.message.hasPrefix("The specified job does not exist."))
            #expect(error.description.contains("Jobs_GetJob"))
        }
        do {
            try await client.createJob(JobSpecification(id: "job-1", poolInfo: .init(poolId: "Airlines")))
            Issue.record("expected JobExists")
        } catch let error as AzureServiceError {
            #expect(error.status == 409 && error.code == .jobExists && error.isConflict)
        }
        #expect(
            try await client.createJobIfAbsent(JobSpecification(id: "job-1", poolInfo: .init(poolId: "Airlines")))
                == false)
        do {
            _ = try await client.getPool("Airlines")
            Issue.record("expected AuthenticationFailed")
        } catch let error as AzureServiceError {
            #expect(error.status == 403 && error.code == .authenticationFailed && error.isAuthenticationFailure)
            #expect(error.details["AuthenticationErrorDetail"]?.contains("MAC signature") == true)
        }
    }

    /// Runs in process and over real sockets (URLSession → LoopbackServer serving the same cassette).
    @Test(arguments: TestTarget.all)
    func add250TasksWithThrottlingAResubmissionAndOneRejection(target: TestTarget) async throws {
        let tasks = (0..<250).map { i in
            TaskSpecification(
                id: String(format: "task-%04d", i), command: TaskCommandLine(["/app/worker", "--shard", "\(i)"]))
        }
        let seen = ProgressLog()
        let fixture = try Fixture.load(
            contentsOf: TestSupport.fixtures.appendingPathComponent("cassettes/add-250-tasks.json"))
        try await withTestTransport(fixture: fixture, target: target) { transport in
            do {
                _ = try await TestSupport.client(transport).addTasks(
                    tasks, toJob: "job-1", progress: { seen.append($0) })
                Issue.record("task-0249 should have been rejected")
            } catch let error as AddTasksError {
                #expect(error.failures.map(\.taskID) == ["task-0249"])
                let failure = try #require(error.failures.first)
                #expect(failure.code == .invalidPropertyValue && failure.status == .clientError)
                #expect(failure.details["PropertyName"] == "commandLine")
                #expect(error.report.added.count == 249)
                #expect(Set(error.report.added).contains("task-0240"))
                #expect(error.report.requests == 4)
                #expect(error.report.httpAttempts == 5)
                #expect(error.report.resubmissions == 1)
                #expect(error.description.contains("task-0249: InvalidPropertyValue"))
            }
        }
        #expect(seen.values.last == AddTasksProgress(added: 249, failed: 1, total: 250))
    }

    @Test func listTasksFollowsNextLinks() async throws {
        let transport = try TestSupport.cassette("list-tasks-paged")
        let tasks = try await TestSupport.client(transport)
            .listTasks(job: "job-1", options: .init(filter: "state eq 'active'", maxResults: 2)).collect()
        #expect(tasks.map(\.id) == ["task1", "task2", "task3", "task4", "task5", "task6"])
        #expect(tasks.first?.constraints?.maxWallClockTime == ISO8601DurationFormat.unlimited)
        try transport.assertAllUsed()
    }

    @Test func nextLinkToAnotherHostIsRefused() throws {
        let client = try TestSupport.client(FixtureTransport(fixture: Fixture(name: "none", interactions: [])))
        #expect(throws: AzureClientError.self) {
            try client.validatedNextLink("https://evil.example.com/jobs?$skiptoken=x")
        }
        #expect(
            try client.validatedNextLink("https://ACCOUNT.region.batch.azure.com/jobs?$skiptoken=x").host
                == "ACCOUNT.region.batch.azure.com")
    }

    @Test(arguments: TestTarget.all)
    func progressToCompletionThenFailedTaskAndItsStderr(target: TestTarget) async throws {
        let fixture = try Fixture.load(
            contentsOf: TestSupport.fixtures.appendingPathComponent("cassettes/progress-and-failure.json"))
        try await withTestTransport(fixture: fixture, target: target) { transport in
            let client = try TestSupport.client(transport)
            let clock = VirtualClock()
            let result = try await client.waitForTasks(
                job: "job-1", timeout: .seconds(3600),
                options: .init(interval: .seconds(10), clock: clock.monitorClock))
            #expect(result.progress == TaskProgress(completed: 3, succeeded: 2, failed: 1))
            #expect(!result.allSucceeded)
            let failed = try #require(result.failedTasks.first)
            #expect(failed.taskID == "task-0007" && failed.exitCode == 2 && failed.code == "FailureExitCode")
            #expect(failed.category == .userError && failed.retryCount == 1)
            #expect(clock.sleeps.count == 3)
            let stderr = try await client.stderrTail(job: "job-1", task: failed.taskID, maxBytes: 96)
            #expect(stderr.contains("FileNotFoundError: 2007.csv.bz2"))
        }
    }

    @Test func pathsAndQueriesArePercentEncoded() throws {
        let client = try TestSupport.client(FixtureTransport(fixture: Fixture(name: "none", interactions: [])))
        let url = try client.url(
            ["jobs", "j 1", "tasks", "t", "files", "wd/out dir/résumé.txt"],
            query: BatchListOptions(filter: "state eq 'active'", select: ["id", "state"]).query)
        #expect(
            url.absoluteString
                == "https://account.region.batch.azure.com/jobs/j%201/tasks/t/files/wd%2Fout%20dir%2Fr%C3%A9sum%C3%A9.txt?api-version=2025-06-01&$filter=state%20eq%20%27active%27&$select=id%2Cstate"
        )
    }
}

/// Collects progress callbacks from concurrent code.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [AddTasksProgress] = []
    func append(_ value: AddTasksProgress) { lock.withLock { items.append(value) } }
    var values: [AddTasksProgress] { lock.withLock { items } }
}

/// A clock whose sleeps only advance virtual time, so polling tests never wait.
final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Duration = .zero
    private var recorded: [Duration] = []
    var sleeps: [Duration] { lock.withLock { recorded } }
    var monitorClock: AzureClock {
        AzureClock(
            now: { self.lock.withLock { self.elapsed } },
            sleep: { delay in
                self.lock.withLock {
                    self.elapsed += delay
                    self.recorded.append(delay)
                }
            },
            random: { 0.5 })
    }
}
