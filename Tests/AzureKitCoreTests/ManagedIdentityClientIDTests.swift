import AzureKitTesting
import Foundation
import Testing

@testable import AzureKitCore

/// A user-assigned identity chosen by client id: another metadata host, retries when the node asks for them,
/// and a clear error for a client id that is not attached.
@Suite("Managed identity by client id")
struct ManagedIdentityClientIDTests {
    static let url =
        "http://127.0.0.1:41001/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fstorage.azure.com&client_id="
    static let ok = #"{"access_token":"mi-token","expires_in":"3599","token_type":"Bearer"}"#

    @Test("AZURE_POD_IDENTITY_AUTHORITY_HOST moves IMDS; a throttled answer is retried when retries are asked for")
    func retriesOnAnotherHost() async throws {
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "mi-retry",
                interactions: [
                    .init(
                        request: .init(method: "GET", url: Self.url + "pool-id", headers: ["Metadata": "true"]),
                        response: .init(
                            status: 429, headers: ["Retry-After": "2"], body: #"{"error":"too_many_requests"}"#)),
                    .init(
                        request: .init(method: "GET", url: Self.url + "pool-id", headers: ["Metadata": "true"]),
                        response: .init(status: 200, body: Self.ok)),
                ]))
        let waits = Waits()
        let credential = ManagedIdentityCredential(
            clientID: "pool-id", environment: ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "http://127.0.0.1:41001"],
            transport: transport,
            retry: RetryOptions(maxRetries: 2, clock: AzureClock(sleep: { await waits.add($0) })))
        let token = try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        #expect(token.token == "mi-token")
        #expect(await waits.all == [.seconds(2)])
        try transport.assertAllUsed()
        // Cached: a second caller does not ask again.
        _ = try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        #expect(transport.requests.count == 2)
    }

    @Test("a client id IMDS does not know fails with a message naming it and the fix")
    func unknownClientID() async throws {
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "mi-unknown",
                interactions: [
                    .init(
                        request: .init(method: "GET", url: Self.url + "not-attached"),
                        response: .init(
                            status: 400, body: #"{"error":"invalid_request","error_description":"Identity not found"}"#)
                    )
                ]))
        let credential = ManagedIdentityCredential(
            clientID: "not-attached", environment: ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "127.0.0.1:41001"],
            transport: transport)
        await #expect {
            try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        } throws: { error in
            let text = "\(error)"
            return (error as? AzureClientError)?.kind == .authenticationFailed
                && text.contains("client id not-attached")
                && text.contains("Identity not found") && text.contains("attach that user-assigned identity")
        }
    }

    actor Waits {
        private(set) var all: [Duration] = []
        func add(_ duration: Duration) { all.append(duration) }
    }
}
