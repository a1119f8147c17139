import AirlineAggregation
import AirlineAnalyticsCore
import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import ParquetKit
import SyntheticAirlineData
import Testing

/// The node side of keyless mode over real sockets: a fake instance metadata endpoint issues Storage tokens for
/// one user-assigned identity, and AirlineAnalytics reads and writes blobs on the loopback Blob service with
/// `Authorization: Bearer` and no SAS anywhere.
@Suite("AirlineAnalytics keyless (fake IMDS + loopback Blob service)")
struct KeylessNodeTests {
    static let clientID = "66666666-7777-8888-9999-000000000000"
    static let token = "fake-imds-storage-token"

    /// Answers like IMDS: a token for the attached identity's client id, `400 Identity not found` for any other.
    final class FakeIMDS: Sendable {
        let server: LoopbackServer
        init(attachedClientID: String, token: String) async throws {
            server = try await LoopbackServer { request in
                guard request.path == "/metadata/identity/oauth2/token", request.headers["Metadata"] == "true",
                    request.query("api-version") != nil, request.query("resource") == "https://storage.azure.com"
                else {
                    return .respond(
                        status: 400, body: Data(#"{"error":"invalid_request","error_description":"bad request"}"#.utf8))
                }
                guard request.query("client_id") == attachedClientID else {
                    return .respond(
                        status: 400, headers: ["Content-Type": "application/json"],
                        body: Data(#"{"error":"invalid_request","error_description":"Identity not found"}"#.utf8))
                }
                let body =
                    #"{"access_token":"\#(token)","expires_in":"3599","token_type":"Bearer","resource":"https://storage.azure.com"}"#
                return .respond(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
            }
        }
        var environment: [String: String] { ["AZURE_POD_IDENTITY_AUTHORITY_HOST": server.baseURL.absoluteString] }
    }

    @Test("the AirlineAnalytics executable reads and writes blobs as the pool identity: Bearer tokens, no SAS")
    func executableWithIdentity() async throws {
        let imds = try await FakeIMDS(attachedClientID: Self.clientID, token: Self.token)
        let blobs = try await BlobLoopback.start()
        blobs.store.put(container: "raw", name: "airlines/2007.csv.bz2", data: try Fixtures.data("sample.csv.bz2"))
        let result = try await runProcess(
            try BuiltProducts.executable("AirlineAnalytics"),
            [
                "--input", blobs.url(container: "raw", name: "airlines/2007.csv.bz2"),
                "--output", blobs.url(container: "aggregated", name: "airlines/2007.parquet"),
                "--identity-client-id", Self.clientID, "--progress", "none",
            ], environment: imds.environment)
        await blobs.shutdown()
        await imds.server.shutdown()
        #expect(result.status == 0, "\(result.stderr)")
        let parquet = try #require(blobs.store.blob(container: "aggregated", name: "airlines/2007.parquet"))
        #expect(try ParquetReader(bytes: [UInt8](parquet)).metadata.numRows > 0)
        let requests = blobs.server.requests
        #expect(requests.count >= 3)
        #expect(requests.allSatisfy { $0.headers["Authorization"] == "Bearer \(Self.token)" })
        #expect(requests.allSatisfy { !$0.target.contains("sig=") && !$0.target.contains("sv=") })
        #expect(imds.server.requests.count == 1, "one token serves the input and the output")
        #expect(imds.server.requests.first?.query("client_id") == Self.clientID)
    }

    /// The node side of a keyless `--one-answer` graph: map tasks and the merge with `--identity-client-id` and plain
    /// URLs, the merge listing the partial prefix with the identity's token (Storage Blob Data Contributor on the
    /// output container covers list). (SubmitYears does not plan such a graph yet: Docs/ScaleOut.md says why.)
    @Test("map over ranges and merge of a blob prefix as the pool identity: Bearer tokens, listing included, no SAS")
    func mapMergeWithIdentity() async throws {
        let imds = try await FakeIMDS(attachedClientID: Self.clientID, token: Self.token)
        let blobs = try await BlobLoopback.start()
        let plain = AirlineDataGenerator(year: 2007, rows: 6_000, seed: 31).csvBytes()
        blobs.store.put(container: "raw", name: "airlines/2007.csv", data: Data(plain))
        let access = BlobAccess(environment: EnvironmentVariables(imds.environment), identityClientID: Self.clientID)
        let cuts = [0, plain.count / 3, 2 * plain.count / 3, plain.count]
        for index in 0..<3 {
            _ = try await PartialMapRun(
                input: try DataLocation(blobs.url(container: "raw", name: "airlines/2007.csv")),
                range: cuts[index]..<cuts[index + 1],
                partialOutput: try DataLocation(
                    blobs.url(container: "aggregated", name: "partials/q1/\(index + 1).partial.parquet")),
                access: access
            ).run()
        }
        let report = try await PartialMergeRun(
            partials: [blobs.url(container: "aggregated", name: "partials/q1/")],
            output: try DataLocation(blobs.url(container: "aggregated", name: "q1.parquet")), expect: 3, access: access
        ).run()
        await blobs.shutdown()
        await imds.server.shutdown()
        #expect(report.partials == 3)
        #expect(report.summary.rowsRead == 6_000)
        #expect(blobs.store.blob(container: "aggregated", name: "q1.parquet") != nil)
        let requests = blobs.server.requests
        #expect(requests.contains { $0.target.contains("comp=list") }, "the merge found the partials by listing")
        #expect(requests.allSatisfy { $0.headers["Authorization"] == "Bearer \(Self.token)" })
        #expect(requests.allSatisfy { !$0.target.contains("sig=") })
    }

    @Test("a client id that is not attached fails with one line naming it, and writes nothing")
    func wrongClientID() async throws {
        let imds = try await FakeIMDS(attachedClientID: Self.clientID, token: Self.token)
        let blobs = try await BlobLoopback.start()
        blobs.store.put(container: "raw", name: "airlines/2007.csv.bz2", data: try Fixtures.data("sample.csv.bz2"))
        let wrong = "00000000-1111-2222-3333-444444444444"
        let result = try await runProcess(
            try BuiltProducts.executable("AirlineAnalytics"),
            [
                "--input", blobs.url(container: "raw", name: "airlines/2007.csv.bz2"),
                "--output", blobs.url(container: "aggregated", name: "airlines/2007.parquet"),
                "--identity-client-id", wrong, "--progress", "none",
            ], environment: imds.environment)
        await blobs.shutdown()
        await imds.server.shutdown()
        #expect(result.status == 1)
        let line = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!line.contains("\n"), "\(line)")
        #expect(line.contains("no managed identity with client id \(wrong)"), "\(line)")
        #expect(line.contains("Identity not found") && line.contains("attach"), "\(line)")
        #expect(blobs.store.blob(container: "aggregated", name: "airlines/2007.parquet") == nil)
        #expect(blobs.server.requests.isEmpty, "no blob request goes out without a token")
    }
}
