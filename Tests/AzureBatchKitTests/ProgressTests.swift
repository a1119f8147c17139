import AzureKitCore
import Foundation
import Testing

@testable import AzureBatchKit

@Suite struct ProgressTests {
    /// Serves a fixed list of snapshots, repeating the last.
    final class Script: @unchecked Sendable {
        private let lock = NSLock()
        private var remaining: [TaskProgress]
        private(set) var calls = 0
        init(_ values: [TaskProgress]) { remaining = values }
        func next() -> TaskProgress {
            lock.withLock {
                calls += 1
                return remaining.count > 1 ? remaining.removeFirst() : remaining[0]
            }
        }
    }

    @Test func yieldsChangesAndEndsWhenComplete() async throws {
        let script = Script([
            TaskProgress(active: 2), TaskProgress(active: 2), TaskProgress(running: 2),
            TaskProgress(completed: 2, succeeded: 2), TaskProgress(completed: 2, succeeded: 2),
        ])
        let clock = VirtualClock()
        var seen: [TaskProgress] = []
        for try await progress in TaskProgressSequence(
            options: .init(interval: .seconds(10), clock: clock.monitorClock), fetch: { script.next() })
        {
            seen.append(progress)
        }
        #expect(seen == [TaskProgress(active: 2), TaskProgress(running: 2), TaskProgress(completed: 2, succeeded: 2)])
        #expect(script.calls == 4)
        #expect(clock.sleeps == [.seconds(10), .seconds(10), .seconds(10)])
    }

    @Test func waitsAreJitteredWithinBounds() {
        for random in [0.0, 0.25, 0.999] {
            let options = TaskProgressOptions(
                interval: .seconds(10), jitter: 0.2,
                clock: AzureClock(now: { .zero }, sleep: { _ in }, random: { random }))
            let delay = options.nextDelay()
            #expect(delay >= .seconds(8) && delay <= .seconds(12))
        }
    }

    @Test func noTasksYetIsNotComplete() {
        #expect(!TaskProgress().isComplete)
        #expect(TaskProgress(completed: 1, failed: 1).isComplete)
    }

    @Test func waitForTasksTimesOutWithAClearError() async throws {
        let transport = CountsTransport(TaskCounts(active: 1, running: 4))
        let client = try TestSupport.client(transport)
        let clock = VirtualClock()
        await #expect {
            _ = try await client.waitForTasks(
                job: "job-1", timeout: .seconds(60),
                options: .init(interval: .seconds(10), clock: clock.monitorClock))
        } throws: { error in
            guard let timeout = error as? TaskWaitTimeoutError else { return false }
            return timeout.jobID == "job-1" && timeout.lastProgress == TaskProgress(active: 1, running: 4)
                && timeout.description.contains("did not all complete within 60 s")
        }
        #expect(transport.count <= 8)
    }
}
