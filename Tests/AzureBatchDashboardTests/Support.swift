import AzureBatchKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureBatchDashboard

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 0
    let origin: Date

    init(origin: Date) { self.origin = origin }

    func set(_ value: Double) { lock.withLock { seconds = value } }
    var now: @Sendable () -> Date { { [self] in origin.addingTimeInterval(lock.withLock { seconds }) } }
}

enum DashboardFixtures {
    /// 2026-12-06T10:00:00Z, the fixture's T0.
    static let t0 = Date(timeIntervalSince1970: 1_796_551_200)

    static func azure() throws -> Fixture {
        let url = try #require(
            Bundle.module.url(forResource: "dashboard-azure", withExtension: "json", subdirectory: "Fixtures"))
        return try Fixture.load(contentsOf: url)
    }

    /// The source of job airlines-dash on pool airlines, read from the loopback Batch server at `clock`'s time.
    static func azureSource(_ server: LoopbackServer, clock: ManualClock) throws -> BatchJobStateSource {
        BatchJobStateSource(client: try client(server), jobID: "airlines-dash", poolID: "airlines", now: clock.now)
    }

    /// A client of the loopback Batch server; no retries, so a fixture mismatch shows at once.
    static func client(_ server: LoopbackServer) throws -> BatchClient {
        try BatchClient(
            endpoint: server.baseURL, credential: .anonymous,
            options: BatchClientOptions(core: ServiceClientOptions(retry: .init(maxRetries: 0))))
    }
}

/// GETs `url` and returns the status and body as text (plain URLSession: the dashboard is a real server).
func fetch(_ url: URL) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(from: url)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}
