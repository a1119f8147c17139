import Foundation
import Testing

@testable import AzureBatchKit

/// Every official example: request bodies round-trip through the models, response bodies decode with every
/// field modelled (no key of the example is lost when re-encoded).
@Suite struct ExampleModelTests {
    struct Body: Sendable, CustomStringConvertible {
        let file: String
        let operation: String
        /// "request" or the response status.
        let part: String
        let json: Data
        var description: String { "\(file) \(part)" }
    }

    static let bodies: [Body] = TestSupport.exampleFiles().flatMap { url -> [Body] in
        guard let data = try? Data(contentsOf: url),
            let example = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let operation = example["operationId"] as? String
        else { return [] }
        var result: [Body] = []
        for (_, value) in (example["parameters"] as? [String: Any]) ?? [:] where value is [String: Any] {
            if let json = try? JSONSerialization.data(withJSONObject: value) {
                result.append(Body(file: url.lastPathComponent, operation: operation, part: "request", json: json))
            }
        }
        for (status, value) in (example["responses"] as? [String: Any]) ?? [:] {
            if let body = (value as? [String: Any])?["body"] as? [String: Any],
                let json = try? JSONSerialization.data(withJSONObject: body)
            {
                result.append(Body(file: url.lastPathComponent, operation: operation, part: status, json: json))
            }
        }
        return result
    }

    @Test func examplesArePresent() {
        #expect(Set(Self.bodies.map(\.file)).count >= 30)
    }

    @Test(arguments: bodies.filter { $0.part == "request" })
    func requestBodyRoundTrips(_ body: Body) throws {
        let type = try #require(Self.requestTypes[body.operation], "no request model for \(body.operation)")
        let encoded = try type.roundTrip(body.json)
        #expect(
            TestSupport.jsonEqual(encoded, body.json),
            "\(body): \(String(decoding: encoded, as: UTF8.self)) != \(String(decoding: body.json, as: UTF8.self))")
    }

    @Test(arguments: bodies.filter { $0.part != "request" })
    func responseBodyDecodesCompletely(_ body: Body) throws {
        let type = try #require(Self.responseTypes[body.operation], "no response model for \(body.operation)")
        let encoded = try type.roundTrip(body.json)
        let original = TestSupport.keyPaths(try JSONSerialization.jsonObject(with: body.json))
        let kept = TestSupport.keyPaths(try JSONSerialization.jsonObject(with: encoded))
        #expect(original.subtracting(kept).isEmpty, "\(body) loses \(original.subtracting(kept).sorted())")
    }

    struct Model: Sendable {
        let roundTrip: @Sendable (Data) throws -> Data
        init<T: Codable & SendableMetatype>(_ type: T.Type) {
            roundTrip = { data in try JSONEncoder().encode(try JSONDecoder().decode(T.self, from: data)) }
        }
    }

    static let requestTypes: [String: Model] = [
        "Pools_CreatePool": Model(PoolSpecification.self), "Pools_UpdatePool": Model(PoolUpdate.self),
        "Pools_ResizePool": Model(PoolResizeOptions.self),
        "Pools_EnablePoolAutoScale": Model(EnableAutoScaleOptions.self),
        "Pools_EvaluatePoolAutoScale": Model(EvaluateAutoScaleOptions.self),
        "Pools_RemoveNodes": Model(RemoveNodesOptions.self),
        "Jobs_CreateJob": Model(JobSpecification.self), "Jobs_UpdateJob": Model(JobUpdate.self),
        "Jobs_TerminateJob": Model(JobTerminateOptions.self), "Tasks_CreateTask": Model(TaskSpecification.self),
        "Tasks_CreateTaskCollection": Model(TaskCollection.self),
    ]

    static let responseTypes: [String: Model] = [
        "Pools_GetPool": Model(BatchPool.self), "Pools_ListPools": Model(ListResponse<BatchPool>.self),
        "Pools_EvaluatePoolAutoScale": Model(AutoScaleRun.self),
        "Pools_ListPoolNodeCounts": Model(ListResponse<PoolNodeCounts>.self),
        "Pools_ListSupportedImages": Model(ListResponse<SupportedImage>.self),
        "Jobs_GetJob": Model(BatchJob.self), "Jobs_ListJobs": Model(ListResponse<BatchJob>.self),
        "Jobs_GetJobTaskCounts": Model(TaskCountsResult.self), "Nodes_GetNode": Model(BatchNode.self),
        "Nodes_ListNodes": Model(ListResponse<BatchNode>.self), "Tasks_GetTask": Model(BatchTask.self),
        "Tasks_ListTasks": Model(ListResponse<BatchTask>.self),
        "Tasks_ListTaskFiles": Model(ListResponse<NodeFile>.self),
        "Tasks_CreateTaskCollection": Model(TaskAddCollectionResult.self),
    ]

    @Test func unlimitedDurationsAndCaseQuirksDecode() throws {
        let job = try JSONDecoder().decode(
            BatchJob.self,
            from: Data(
                #"{"id":"j","constraints":{"maxWallClockTime":"P10675199DT2H48M5.4775807S"},"state":"Completed","onAllTasksComplete":"NoAction"}"#
                    .utf8))
        #expect(job.constraints?.maxWallClockTime == ISO8601DurationFormat.unlimited)
        #expect(job.state == .completed)
        #expect(job.onAllTasksComplete == .noAction)
        let policy = try JSONDecoder().decode(TaskSchedulingPolicy.self, from: Data(#"{"nodeFillType":"Spread"}"#.utf8))
        #expect(policy.nodeFillType == .spread)
        #expect(String(decoding: try JSONEncoder().encode(policy), as: UTF8.self) == #"{"nodeFillType":"spread"}"#)
    }

    @Test func unknownValuesDecodeAndRoundTrip() throws {
        let data = Data(#"{"id":"n","state":"hibernating","schedulingState":"enabled"}"#.utf8)
        let node = try JSONDecoder().decode(BatchNode.self, from: data)
        #expect(node.state?.rawValue == "hibernating")
        #expect(!NodeState.known.contains(node.state!))
        #expect(TestSupport.jsonEqual(try JSONEncoder().encode(node), data))
    }
}
