import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@Suite("Pipeline order")
struct PipelineOrderTests {
    @Test func policiesRunInTheDocumentedOrder() {
        let options = ServiceClientOptions(
            perCallPolicies: [RecordingPolicy(name: "call", log: Recorder())],
            perAttemptPolicies: [RecordingPolicy(name: "attempt", log: Recorder())])
        let pipeline = Pipeline(profile: .testStorage, credential: .anonymous, options: options)
        let names = pipeline.policies.map { "\(type(of: $0))" }
        #expect(
            names == [
                "TelemetryPolicy", "ClientRequestIDPolicy", "RecordingPolicy", "RetryPolicy", "DatePolicy",
                "ContentLengthPolicy", "AuthenticationPolicy", "RecordingPolicy", "TracingPolicy", "MetricsPolicy",
                "LoggingPolicy",
            ])
    }

    @Test func perCallRunsOnceAndPerAttemptRunsEveryAttempt() async throws {
        let log = Recorder<(String, HTTPRequest)>()
        let statuses = Script([503, 500, 200])
        let transport = ClosureTransport { request in
            log.append(("transport", request))
            return HTTPResponse(status: statuses.action())
        }
        let sleeps = Recorder<Duration>()
        let options = ServiceClientOptions(
            retry: recordingRetry(sleeps: sleeps), transport: transport,
            perCallPolicies: [RecordingPolicy(name: "call", log: log)],
            perAttemptPolicies: [RecordingPolicy(name: "attempt", log: log)])
        let pipeline = Pipeline(
            profile: .testBatch, credential: .sas("sv=2025-01-05&sig=abc"), options: options,
            now: SteppingClock().now)
        let response = try await pipeline.send(
            HTTPRequest(method: .post, url: URL(string: "https://acct.eastus.batch.azure.com/jobs")!),
            operation: "Job_Add")
        #expect(response.status == 200)
        #expect(
            log.values.map(\.0) == ["call", "attempt", "transport", "attempt", "transport", "attempt", "transport"])
        #expect(sleeps.values.count == 2)

        let perCall = try #require(log.values.first?.1)
        // Per-call policies see telemetry and the client request id, but nothing per attempt yet.
        #expect(perCall.headers["User-Agent"]?.hasPrefix("azsdk-swift-batch/0.0.1 (") == true)
        #expect(perCall.headers["client-request-id"] != nil)
        #expect(perCall.headers["return-client-request-id"] == "true")
        #expect(perCall.headers["ocp-date"] == nil)
        #expect(perCall.headers["Content-Length"] == nil)
        #expect(perCall.url.query?.contains("sig=") != true)

        // Per-attempt policies see the date, the length and the authentication of their attempt.
        let attempts = log.values.filter { $0.0 == "attempt" }.map(\.1)
        #expect(attempts.allSatisfy { $0.headers["Content-Length"] == "0" })
        #expect(attempts.allSatisfy { $0.url.query?.contains("sig=abc") == true })
        #expect(Set(attempts.compactMap { $0.headers["client-request-id"] }).count == 1)
        #expect(Set(attempts.compactMap { $0.headers["ocp-date"] }).count == 3)
    }

    /// A challenge scheme of a module's own (as Container Registry's): it runs in the authentication slot after the
    /// date, reads what the caller said about the request from the context, and may send the request twice; both
    /// sends are one attempt of one operation, with one client request id.
    @Test func customAuthenticationReadsRequestValuesAndAnswersAChallengeInOneAttempt() async throws {
        enum Scope: RequestValueKey { typealias Value = String }
        struct ChallengeAnswering: HTTPPolicy {
            func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws
                -> HTTPResponse
            {
                guard let scope = context.values[Scope.self] else { return try await next(request, context) }
                let first = try await next(request, context)
                guard first.status == 401 else { return first }
                var answered = request
                answered.headers["Authorization"] = "Bearer token-for-\(scope)"
                return try await next(answered, context)
            }
        }
        let seen = Recorder<HTTPRequest>()
        let transport = ClosureTransport { request in
            seen.append(request)
            return HTTPResponse(status: request.headers["Authorization"] == nil ? 401 : 200)
        }
        let client = try ServiceClient(
            endpoint: URL(string: "https://registry.example.com")!, credential: .custom(ChallengeAnswering()),
            profile: .testStorage, options: .init(transport: transport))
        var values = RequestValues()
        values[Scope.self] = "repository:app:pull"
        let response = try await client.execute(
            try client.request(.get, path: ["v2", "app", "manifests", "1"]), operation: "Manifests_Get",
            values: values)
        #expect(response.status == 200)
        #expect(response.attempts == 1)
        #expect(seen.values.map { $0.headers["Authorization"] } == [nil, "Bearer token-for-repository:app:pull"])
        #expect(Set(seen.values.compactMap { $0.headers["x-ms-client-request-id"] }).count == 1)
        #expect(seen.values.allSatisfy { $0.headers["x-ms-date"] != nil })
        #expect(response.clientRequestID == seen.values.first?.headers["x-ms-client-request-id"])
        #expect(ServiceCredential.custom(ChallengeAnswering()).description == "custom(ChallengeAnswering)")

        // Without the value, the policy does nothing and the 401 stands.
        let unauthenticated = try await client.execute(
            try client.request(.get, path: ["v2", "app", "manifests", "1"]), operation: "Manifests_Get",
            accepting: { _ in true })
        #expect(unauthenticated.status == 401)
    }

    @Test func callerSuppliedClientRequestIDWins() async throws {
        let seen = Recorder<HTTPRequest>()
        let transport = ClosureTransport {
            seen.append($0)
            return HTTPResponse(status: 200)
        }
        let pipeline = Pipeline(profile: .testStorage, credential: .anonymous, options: .init(transport: transport))
        var request = HTTPRequest(method: .get, url: URL(string: "https://acct.blob.core.windows.net/c")!)
        request.headers["x-ms-client-request-id"] = "mine"
        _ = try await pipeline.send(request, operation: "Container_GetProperties")
        #expect(seen.values.first?.headers["x-ms-client-request-id"] == "mine")
    }

    @Test func applicationIDPrefixesUserAgent() {
        let policy = TelemetryPolicy(
            module: "blob", version: "1.2.3", applicationID: "nightly-etl-with-a-very-long-name")
        #expect(policy.userAgent.hasPrefix("nightly-etl-with-a-very- azsdk-swift-blob/1.2.3 ("))
    }

    @Test func unknownLengthBodyGetsItsLengthBeforeSigning() async throws {
        let seen = Recorder<HTTPRequest>()
        let transport = ClosureTransport {
            seen.append($0)
            return HTTPResponse(status: 201)
        }
        let pipeline = Pipeline(profile: .testStorage, credential: .anonymous, options: .init(transport: transport))
        let body = HTTPBody.replayable(length: nil) { Data("twelve bytes".utf8) }
        _ = try await pipeline.send(
            HTTPRequest(method: .put, url: URL(string: "https://a.blob.core.windows.net/c/b")!, body: body),
            operation: "Blob_Upload")
        #expect(seen.values.first?.headers["Content-Length"] == "12")
    }
}
