import AzureKitCore
import Foundation
import Testing

/// Tracks how many bodies run at once.
final class InFlight: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() {
        lock.withLock {
            current += 1
            peak = max(peak, current)
        }
    }
    func leave() { lock.withLock { current -= 1 } }
    var maximum: Int { lock.withLock { peak } }
}

@Suite("Bounded concurrency and polling")
struct ConcurrencyTests {
    @Test(arguments: [1, 3, 8])
    func concurrentMapNeverExceedsTheLimitAndKeepsOrder(limit: Int) async throws {
        let inFlight = InFlight()
        let results = try await Array(0..<40).concurrentMap(maxConcurrent: limit) { value in
            inFlight.enter()
            defer { inFlight.leave() }
            await Task.yield()
            try await Task.sleep(for: .milliseconds(1))
            return value * 2
        }
        #expect(results == Array(0..<40).map { $0 * 2 })
        #expect(inFlight.maximum <= limit)
        #expect(inFlight.maximum >= 1)
    }

    @Test func concurrentMapRethrowsTheFirstError() async {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            _ = try await Array(0..<10).concurrentMap(maxConcurrent: 2) { value in
                if value == 3 { throw Boom() }
                return value
            }
        }
    }

    @Test func concurrentMapOfNothing() async throws {
        let empty: [Int] = []
        #expect(try await empty.concurrentMap(maxConcurrent: 0) { $0 }.isEmpty)
    }

    @Test func pollerGrowsItsIntervalWithinBounds() {
        let low = Poller(
            minInterval: .seconds(1), maxInterval: .seconds(10), growth: 2, clock: AzureClock(random: { 0 }))
        let high = Poller(
            minInterval: .seconds(1), maxInterval: .seconds(10), growth: 2, clock: AzureClock(random: { 0.999_999 }))
        #expect(low.interval(afterRound: 1) == .seconds(1))  // 0.8 s clamped up to the minimum
        #expect(low.interval(afterRound: 3) == .milliseconds(3200))
        #expect(high.interval(afterRound: 1) == .milliseconds(1200))
        #expect(high.interval(afterRound: 10) == .seconds(10))  // capped at the maximum
    }

    @Test func pollerReturnsWhenReadyAndRecordsWaits() async throws {
        let waits = Recorder<Duration>()
        let counter = Recorder<Int>()
        let poller = Poller(
            minInterval: .seconds(2), maxInterval: .seconds(5), growth: 2,
            clock: AzureClock(sleep: { waits.append($0) }, random: { 0.5 }))
        let value = try await poller.poll("the third round") { () -> String? in
            counter.append(1)
            return counter.values.count == 3 ? "done" : nil
        }
        #expect(value == "done")
        #expect(waits.values == [.seconds(2), .seconds(4)])
    }

    @Test func pollerTimesOutWithANamedError() async {
        let poller = Poller(timeout: .zero, clock: AzureClock(sleep: { _ in }))
        let error = await #expect(throws: AzureClientError.self) {
            _ = try await poller.poll("job 'j1' to complete") { () -> Int? in nil }
        }
        #expect(error?.kind == .timedOut)
        #expect(error?.message.contains("job 'j1' to complete") == true)
    }

    @Test func pollerStopsWhenCancelled() async {
        let poller = Poller(minInterval: .seconds(3600), maxInterval: .seconds(3600))
        let task = Task { try await poller.poll("never") { () -> Int? in nil } }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }
}
