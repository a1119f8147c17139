import AzureKitCore
import AzureKitTesting
import Foundation
import Logging
import Testing

@testable import AzureBatchKit

/// The official management-plane `x-ms-examples` (and our one hand-written addition) as fixtures: the request is
/// rebuilt from the example's parameters (`PUT` when it has a body), the answer from one of its responses.
enum ManagementExamples {
    static let endpoint = "https://management.azure.com"

    static func example(_ name: String) throws -> [String: Any] {
        let url = TestSupport.fixtures.appendingPathComponent("management/\(name).json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func account(_ example: [String: Any]) throws -> BatchAccountReference {
        let parameters = try #require(example["parameters"] as? [String: Any])
        return try BatchAccountReference(
            subscriptionID: try #require(parameters["subscriptionId"] as? String),
            resourceGroup: try #require(parameters["resourceGroupName"] as? String),
            accountName: try #require(parameters["accountName"] as? String))
    }

    static func poolURL(_ example: [String: Any]) throws -> String {
        let parameters = try #require(example["parameters"] as? [String: Any])
        let version = try #require(parameters["api-version"] as? String)
        return endpoint + (try account(example)).poolPath(try #require(parameters["poolName"] as? String))
            + "?api-version=\(version)"
    }

    /// The example's request body (`parameters.parameters`), if any.
    static func requestBody(_ example: [String: Any]) throws -> String? {
        let parameters = try #require(example["parameters"] as? [String: Any])
        guard let body = parameters["parameters"] else { return nil }
        return String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The recorded response for `status` in the example.
    static func response(_ example: [String: Any], status: Int) throws -> Fixture.RecordedResponse {
        let responses = try #require(example["responses"] as? [String: Any])
        let response = try #require(responses[String(status)] as? [String: Any])
        let headers = (response["headers"] as? [String: Any])?.mapValues { "\($0)" }
        let body = try response["body"].map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
        return Fixture.RecordedResponse(status: status, headers: headers, body: body)
    }

    /// A management client on `transport` whose retries and polls never sleep; `sleeps` records their waits.
    static func client(
        _ account: BatchAccountReference, transport: any HTTPTransport, credential: ServiceCredential = .anonymous,
        sleeps: SleepRecorder = SleepRecorder()
    ) throws -> BatchManagementClient {
        let poller = Poller(
            minInterval: .seconds(1), maxInterval: .seconds(60), timeout: .seconds(600),
            clock: AzureClock(sleep: { await sleeps.record($0) }, random: { 0.5 }))
        return try BatchManagementClient(
            account: account, credential: credential,
            options: .init(
                core: .init(
                    retry: .init(maxRetries: 3, clock: AzureClock(sleep: { await sleeps.record($0) }, random: { 0.5 })),
                    transport: transport),
                poller: poller))
    }
}

/// Collects the waits of retry loops and pollers instead of sleeping.
actor SleepRecorder {
    private(set) var waits: [Duration] = []
    func record(_ duration: Duration) { waits.append(duration) }
}

/// A token credential that hands out a fixed token and remembers the scopes it was asked for.
final class RecordingTokenCredential: TokenCredential, @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [[String]] = []
    let token: String
    init(token: String) { self.token = token }
    var scopes: [[String]] { lock.withLock { asked } }
    func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        lock.withLock { asked.append(scopes) }
        return AccessToken(token: token, expiresOn: Date().addingTimeInterval(3600))
    }
}
