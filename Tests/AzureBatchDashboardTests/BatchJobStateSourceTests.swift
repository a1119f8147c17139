import AzureBatchKit
import AzureKitTesting
import Foundation
import Testing

@testable import AzureBatchDashboard

/// The Azure source against a loopback Batch server replaying `dashboard-azure.json`: what it reads, when, and
/// what the dashboard gets from it.
@Suite("Batch job state source")
struct BatchJobStateSourceTests {
    @Test("reads each resource at most once per interval, lists only changed tasks, and redacts every SAS")
    func pollsWithinBudget() async throws {
        let server = try await LoopbackServer(fixture: DashboardFixtures.azure())
        let clock = ManualClock(origin: DashboardFixtures.t0)
        let source = try DashboardFixtures.azureSource(server, clock: clock)
        do {
            // t = 0: counts, all tasks, nodes, pool.
            var state = try await source.refresh()
            #expect(server.requestCount == 4)
            #expect(state.lastError == nil)
            #expect(state.counts == TaskCounts(active: 2, running: 3, completed: 3, succeeded: 2, failed: 1))
            #expect(state.tasks.count == 8)
            let byID = Dictionary(uniqueKeysWithValues: state.tasks.map { ($0.id, $0) })
            #expect(
                byID["airlines2003"]?.failed == true && byID["airlines2003"]?.retryCount == 2
                    && byID["airlines2003"]?.exitCode == 1)
            #expect(byID["airlines2006"]?.state == .running && byID["airlines2006"]?.nodeID == "tvm-4")
            #expect(
                Set(state.nodes.map(\.state.rawValue)) == [
                    "running", "idle", "preempted", "starttaskfailed", "waitingforstarttask", "unusable",
                ])
            #expect(state.poolSamples.map(\.currentNodes) == [8] && state.poolSamples.first?.autoscaleTarget == 6)
            for task in state.tasks {
                let command = try #require(task.commandLine)
                #expect(
                    !command.contains("NOT-A-REAL-SIGNATURE") && command.contains("sig=REDACTED")
                        && command.contains("sp=r"))
            }
            // t = 2: nothing is due.
            clock.set(2)
            _ = try await source.refresh()
            #expect(server.requestCount == 4)
            // t = 5: the counts only.
            clock.set(5)
            state = try await source.refresh()
            #expect(server.requestCount == 5 && state.counts.completed == 5)
            // t = 10: the counts moved; only the tasks changed since the newest change seen (minus the overlap).
            clock.set(10)
            state = try await source.refresh()
            #expect(server.requestCount == 7)
            #expect(await source.taskFilter == "stateTransitionTime ge DateTime'2026-12-06T09:59:39.000Z'")
            #expect(
                state.isComplete && state.tasks.filter(\.succeeded).count == 7
                    && state.tasks.filter(\.failed).count == 1)
            // t = 15: the counts, which the listed tasks match (no listing), and the nodes.
            clock.set(15)
            state = try await source.refresh()
            #expect(server.requestCount == 9)
            #expect(state.nodes.filter { $0.state == .running }.isEmpty)
            // The failed task's stderr: read once (HEAD + ranged GET), redacted, then cached.
            let tail = try await source.stderrTail(task: "airlines2003", maxBytes: 4096)
            #expect(
                tail.contains("bzip2 block 3 CRC mismatch") && tail.contains("sig=REDACTED")
                    && !tail.contains("NOT-A-REAL"))
            _ = try await source.stderrTail(task: "airlines2003", maxBytes: 4096)
            #expect(server.requestCount == 11)
            #expect(await source.requestCount == 11)
            #expect(server.fixtureReplayer?.mismatchMessages == [])
            #expect(server.fixtureReplayer?.unusedCount == 0)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test("a failed read keeps the state and reports the error; nothing readable at all throws")
    func errors() async throws {
        let server = try await LoopbackServer { _ in
            .respond(status: 503, body: Data("{\"odata.error\":{\"code\":\"ServerBusy\"}}".utf8))
        }
        let source = BatchJobStateSource(client: try DashboardFixtures.client(server), jobID: "j", poolID: nil)
        await #expect(throws: (any Error).self) { try await source.refresh() }
        await server.shutdown()
    }

    @Test("a resource that keeps failing is read at twice the interval after each failure")
    func backsOff() async throws {
        let server = try await LoopbackServer { request in
            if request.target.contains("/taskcounts") {
                return .respond(
                    status: 503, headers: ["Content-Type": "application/json"],
                    body: Data("{\"code\":\"ServerBusy\",\"message\":{\"value\":\"busy\"}}".utf8))
            }
            return .respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Data("{\"value\":[{\"id\":\"t1\",\"state\":\"active\"}]}".utf8))
        }
        let clock = ManualClock(origin: DashboardFixtures.t0)
        let source = BatchJobStateSource(
            client: try DashboardFixtures.client(server), jobID: "j", poolID: nil, now: clock.now)
        var countReads: [Double] = []
        for second in stride(from: 0.0, through: 80, by: 1) {
            clock.set(second)
            let before = server.requests.filter { $0.target.contains("/taskcounts") }.count
            let state = try await source.refresh()
            #expect(state.tasks.map(\.id) == ["t1"])
            if server.requests.filter({ $0.target.contains("/taskcounts") }).count > before {
                countReads.append(second)
                #expect(state.lastError?.contains("ServerBusy") == true)
            }
        }
        #expect(countReads == [0, 10, 30, 70])  // 5 s × 2, × 4, × 8
        await server.shutdown()
    }

    @Test("the request budget: counts, changed tasks, nodes and pool per minute")
    func budget() {
        let options = BatchPollingOptions()
        #expect(options.requestsPerMinute(changedTasks: 10, nodes: 8) == 24)
        #expect(options.requestsPerMinute(changedTasks: 2_500, nodes: 8) == 12 + 6 * 3 + 4 + 2)
        #expect(
            BatchPollingOptions(
                countsInterval: .seconds(10), tasksInterval: .seconds(30), nodesInterval: .seconds(60),
                poolInterval: .seconds(60)
            ).requestsPerMinute(changedTasks: 100, nodes: 100) == 6 + 2 + 1 + 1)
    }
}
