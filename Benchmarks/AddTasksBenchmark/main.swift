// Adds N tasks (default 10,000) through BatchClient.addTasks against a LoopbackServer on 127.0.0.1 that answers
// every Add Task Collection request after an injected latency (default 20 ms), over real sockets and the
// default URLSession transport. Prints requests sent and wall time.
//
//   swift build -c release --product AddTasksBenchmark --scratch-path .build-release
//   .build-release/release/AddTasksBenchmark --tasks 10000 --latency-ms 20
import ArgumentParser
import AzureBatchKit
import AzureKitCore
import AzureKitTesting
import Foundation

@main
struct AddTasksBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bulk task submission through a loopback Batch endpoint.")

    @Option(help: "Number of tasks to add.") var tasks = 10_000
    @Option(name: .customLong("latency-ms"), help: "Latency injected into every response, in milliseconds.")
    var latencyMS = 20
    @Option(help: "Add Task Collection requests in flight.") var concurrency = 8
    @Option(help: "Runs; the best and median are reported.") var runs = 3

    func run() async throws {
        let latency = Duration.milliseconds(latencyMS)
        let server = try await LoopbackServer(recordsBodies: false) { request in
            guard request.method == .post, request.path.hasSuffix("/addtaskcollection") else {
                return .respond(status: 404)
            }
            return .respond(
                after: latency,
                .init(
                    status: 200, headers: ["Content-Type": "application/json; odata=minimalmetadata"],
                    body: try Self.successBody(for: request.body)))
        }
        let client = try BatchClient(endpoint: server.baseURL, credential: .anonymous)
        let specifications = (0..<tasks).map { index in
            TaskSpecification(
                id: "shard-\(index)",
                command: [
                    "/app/AirlineAnalytics", "--input", "https://acct.blob.core.windows.net/raw/\(index).csv.bz2",
                    "--output", "https://acct.blob.core.windows.net/out/\(index).parquet",
                ]
            ) {
                Container(image: "myregistry.azurecr.io/airlines/analytics:1.0", runOptions: "--rm")
                Retries(2)
            }
        }
        var times: [Duration] = []
        for run in 1...max(1, runs) {
            let before = server.requestCount
            let clock = ContinuousClock()
            let start = clock.now
            let report = try await client.addTasks(
                specifications, toJob: "bench-\(run)",
                options: .init(maxConcurrentRequests: concurrency))
            let elapsed = start.duration(to: clock.now)
            times.append(elapsed)
            let requests = server.requestCount - before
            print(
                "run \(run): \(report.added.count) tasks added, \(requests) requests sent (\(report.requests) collections, \(report.httpAttempts) attempts), wall \(Self.format(elapsed))"
            )
        }
        await server.shutdown()
        let sorted = times.sorted()
        print(
            "tasks \(tasks), latency \(latencyMS) ms, concurrency \(concurrency): best \(Self.format(sorted[0])), median \(Self.format(sorted[sorted.count / 2]))"
        )
        print("target: <= 100 requests and <= 1.5 s wall for 10,000 tasks")
    }

    /// `{"value":[{"status":"success","taskId":…},…]}` for every task id in the request.
    static func successBody(for body: Data) throws -> Data {
        struct Request: Decodable {
            struct Task: Decodable { var id: String }
            var value: [Task]
        }
        let request = try JSONDecoder().decode(Request.self, from: body)
        let results = request.value.map { TaskAddResult(status: .success, taskId: $0.id) }
        return try JSONEncoder().encode(TaskAddCollectionResult(value: results))
    }

    static func format(_ duration: Duration) -> String {
        String(format: "%.3f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
