import AzureKitCore
import Foundation
import Testing

@testable import AzureBatchKit

@Suite struct AddTasksPlannerTests {
    static func planner(count: Int, bodySize: Int = 40, options: AddTasksOptions = .init()) -> AddTasksPlanner {
        let ids = (0..<count).map { "t\($0)" }
        let bodies = ids.map { _ in Data(repeating: UInt8(ascii: "x"), count: bodySize) }
        return AddTasksPlanner(ids: ids, bodies: bodies, options: options)
    }

    static func success(_ planner: AddTasksPlanner, _ chunk: AddTasksPlanner.Chunk) -> [TaskAddResult] {
        chunk.indices.map { TaskAddResult(status: .success, taskId: planner.ids[$0]) }
    }

    @Test(arguments: [1, 99, 100, 101, 250, 10_000])
    func chunksHoldAtMostOneHundredTasks(_ count: Int) {
        var planner = Self.planner(count: count)
        var sizes: [Int] = []
        while let chunk = planner.nextChunk() {
            sizes.append(chunk.indices.count)
            planner.handle(results: Self.success(planner, chunk), for: chunk, retriedOnTheWire: false)
        }
        #expect(sizes.allSatisfy { $0 <= 100 })
        #expect(sizes.count == (count + 99) / 100)
        #expect(planner.added.count == count)
    }

    @Test func chunksStayUnderTheByteLimit() throws {
        var planner = Self.planner(count: 50, bodySize: 30_000, options: .init(maxRequestBytes: 100_000))
        while let chunk = planner.nextChunk() {
            #expect(chunk.body.count <= 100_000)
            #expect(chunk.indices.count == 3 || !planner.hasQueued)
            let value = try JSONSerialization.jsonObject(with: Data(chunk.body.prefix(10) + Data("]}".utf8)))
            #expect((value as? [String: Any])?["value"] != nil)
            planner.handle(results: Self.success(planner, chunk), for: chunk, retriedOnTheWire: false)
        }
        #expect(planner.added.count == 50)
    }

    @Test func requestBodyTooLargeHalvesTheChunk() throws {
        var planner = Self.planner(count: 100)
        let firstNext = planner.nextChunk()
        let first = try #require(firstNext)
        let tooLarge = AzureServiceError(
            status: 413, code: .requestBodyTooLarge, message: "too large", requestID: nil, clientRequestID: nil)
        planner.handleTooLarge(first, error: tooLarge)
        #expect(planner.chunkLimit == 50)
        let secondNext = planner.nextChunk()
        let second = try #require(secondNext)
        #expect(second.indices == Array(0..<50))
        planner.handleTooLarge(second, error: tooLarge)
        #expect(planner.chunkLimit == 25)
        #expect(planner.nextChunk()?.indices == Array(0..<25))
    }

    @Test func aSingleTaskOverTheLimitFailsWithoutBeingSent() {
        var planner = AddTasksPlanner(
            ids: ["big", "small"], bodies: [Data(count: 5000), Data(count: 10)],
            options: .init(maxRequestBytes: 2000))
        let chunk = planner.nextChunk()
        #expect(chunk?.indices == [1])
        #expect(planner.failures.map(\.taskID) == ["big"])
        #expect(planner.failures.first?.code == .requestBodyTooLarge)
    }

    @Test func serverErrorsAreResubmittedUntilTheLimit() throws {
        var planner = Self.planner(count: 1, options: .init(maxResubmissions: 2))
        for _ in 0..<3 {
            let chunkNext = planner.nextChunk()
            let chunk = try #require(chunkNext)
            planner.handle(
                results: [
                    TaskAddResult(status: .serverError, taskId: "t0", error: .init(code: "ServerBusy", message: "busy"))
                ],
                for: chunk, retriedOnTheWire: false)
        }
        #expect(planner.nextChunk() == nil)
        #expect(planner.failures.first?.code == .serverBusy)
        #expect(planner.resubmissions == 2)
    }

    @Test func taskExistsIsSuccessOnlyAfterAResend() throws {
        var planner = Self.planner(count: 2)
        let chunkNext = planner.nextChunk()
        let chunk = try #require(chunkNext)
        let exists = BatchErrorBody(code: "TaskExists", message: "exists")
        planner.handle(
            results: [
                TaskAddResult(status: .clientError, taskId: "t0", error: exists),
                TaskAddResult(status: .success, taskId: "T1"),
            ], for: chunk, retriedOnTheWire: false)
        #expect(planner.failures.map(\.taskID) == ["t0"])
        #expect(planner.added == [1])

        var retried = Self.planner(count: 1)
        let againNext = retried.nextChunk()
        let again = try #require(againNext)
        retried.handle(
            results: [TaskAddResult(status: .clientError, taskId: "t0", error: exists)], for: again,
            retriedOnTheWire: true)
        #expect(retried.added == [0] && retried.failures.isEmpty)
    }

    @Test func missingResultsAreResubmitted() throws {
        var planner = Self.planner(count: 3)
        let chunkNext = planner.nextChunk()
        let chunk = try #require(chunkNext)
        planner.handle(results: [TaskAddResult(status: .success, taskId: "t0")], for: chunk, retriedOnTheWire: false)
        #expect(planner.nextChunk()?.indices == [1, 2])
    }

    @Test func aFatalErrorStopsAndFailsEverythingWaiting() throws {
        var planner = Self.planner(count: 250)
        let chunkNext = planner.nextChunk()
        let chunk = try #require(chunkNext)
        planner.stop(
            chunk,
            error: AzureServiceError(
                status: 404, code: .jobNotFound, message: "no job", requestID: nil, clientRequestID: nil))
        #expect(planner.nextChunk() == nil)
        #expect(planner.failures.count == 250 && planner.failures.allSatisfy { $0.code == .jobNotFound })
    }
}
