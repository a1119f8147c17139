import AzureKitCore
import AzureKitSigning
import AzureKitTesting
import Foundation
import Testing

/// Shared Key through the whole pipeline, checked by a loopback server that re-computes the signature from what
/// actually arrived on the socket.
@Suite("Shared Key in the pipeline")
struct SharedKeyPipelineTests {
    static let key = Data("not a real key, only for the loopback tests".utf8).base64EncodedString()

    /// Whether `request`'s Authorization is the signature of the request as received.
    static func verify(_ request: LoopbackRequest, scheme: SharedKeyScheme) -> Bool {
        guard let url = URL(string: "http://127.0.0.1" + request.target),
            let signer = try? SharedKeySigner(accountName: "devacct", accountKey: key)
        else { return false }
        let headers = request.headers.filter { $0.name.lowercased() != "authorization" }.map {
            (name: $0.name, value: $0.value)
        }
        let expected = try? signer.authorization(
            method: request.method.rawValue, url: url, headers: headers, scheme: scheme)
        return expected != nil && expected == request.headers["Authorization"]
    }

    @Test(arguments: [("storage", HTTPMethod.put), ("batch", .post), ("storage", .get), ("batch", .delete)])
    func everyAttemptIsSignedAgainWithAFreshDate(service: String, method: HTTPMethod) async throws {
        let (profile, scheme) =
            service == "storage" ? (ServiceProfile.testStorage, SharedKeyScheme.storage) : (.testBatch, .batch)
        let verdicts = Recorder<Bool>()
        let script = Script<LoopbackAction>([.respond(status: 503), .respond(status: 500), .respond(status: 200)])
        try await withLoopbackServer({ request in
            verdicts.append(Self.verify(request, scheme: scheme))
            return script.action()
        }) { server in
            let credential = try SharedKeyCredential(accountName: "devacct", accountKey: Self.key)
            let pipeline = Pipeline(
                profile: profile, credential: .sharedKey(credential),
                options: ServiceClientOptions(
                    retry: recordingRetry(sleeps: Recorder()), transport: URLSessionTransport.shared),
                now: SteppingClock().now)
            var request = HTTPRequest(method: method, url: server.baseURL.appendingPathComponent("devacct/c/blob name"))
            request.url = URL(string: request.url.absoluteString + "?comp=block&blockid=YQ%3D%3D&timeout=30")!
            request.headers["x-ms-version"] = "2025-01-05"
            if method == .put || method == .post {
                request.headers["Content-Type"] = "application/octet-stream"
                request.body = .data(Data("payload".utf8))
            }
            let response = try await pipeline.send(request, operation: "Op")
            #expect(response.status == 200)

            let received = server.requests
            #expect(received.count == 3)
            #expect(verdicts.values == [true, true, true])
            let authorizations = received.compactMap { $0.headers["Authorization"] }
            #expect(authorizations.count == 3 && Set(authorizations).count == 3)
            #expect(authorizations.allSatisfy { $0.hasPrefix("SharedKey devacct:") })
            let dates = received.compactMap { $0.headers[profile.dateHeader] }
            #expect(Set(dates).count == 3)
        }
    }

    @Test func tamperedRequestFailsVerification() {
        // The check above must be able to fail: a request whose date changed after signing does not verify.
        let signer = try? SharedKeySigner(accountName: "devacct", accountKey: Self.key)
        let headers: [(name: String, value: String)] = [
            ("x-ms-date", "Wed, 01 Oct 2025 12:00:00 GMT"), ("x-ms-version", "2025-01-05"),
        ]
        let authorization = try? signer?.authorization(
            method: "GET", url: URL(string: "http://127.0.0.1/devacct/c")!, headers: headers, scheme: .storage)
        let request = LoopbackRequest(
            method: .get, target: "/devacct/c",
            headers: [
                "x-ms-date": "Wed, 01 Oct 2025 12:00:01 GMT", "x-ms-version": "2025-01-05",
                "Authorization": authorization ?? "",
            ])
        #expect(!Self.verify(request, scheme: .storage))
        var untouched = request
        untouched.headers["x-ms-date"] = "Wed, 01 Oct 2025 12:00:00 GMT"
        #expect(Self.verify(untouched, scheme: .storage))
    }

    @Test func registryRefusesSharedKey() async throws {
        var profile = ServiceProfile.testStorage
        profile.sharedKeyScheme = nil
        let credential = try SharedKeyCredential(accountName: "devacct", accountKey: Self.key)
        let pipeline = Pipeline(
            profile: profile, credential: .sharedKey(credential),
            options: .init(transport: ClosureTransport { _ in HTTPResponse(status: 200) }))
        let error = await #expect(throws: AzureClientError.self) {
            _ = try await pipeline.send(
                HTTPRequest(method: .get, url: URL(string: "https://r.azurecr.io/v2/")!), operation: "x")
        }
        #expect(error?.kind == .invalidConfiguration)
    }
}
