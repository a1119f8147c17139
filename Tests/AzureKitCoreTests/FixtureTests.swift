import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

/// The fixture machinery: playback through both targets, mismatch diffs, recording with secrets stripped.
@Suite("Fixtures")
struct FixtureTests {
    static let endpoint = URL(string: "https://devacct.blob.core.windows.net")!

    /// A small "service client" body that lists containers page by page and uploads a JSON blob; the same code
    /// runs against the in-process fixture and against the loopback server.
    static func exercise(_ transport: any HTTPTransport) async throws -> [String] {
        let client = try ServiceClient(
            endpoint: endpoint, credential: .sas("sv=2025-01-05&sig=FAKE"), profile: .testStorage,
            options: .init(retry: .none, transport: transport))
        let listing = PagedSequence<String> { marker in
            var url = "\(endpoint.absoluteString)/?comp=list&maxresults=2"
            if let marker { url += "&marker=\(marker)" }
            var request = HTTPRequest(method: .get, url: URL(string: url)!)
            request.headers["x-ms-version"] = "2025-01-05"
            let response = try await client.execute(request, operation: "Service_ListContainers")
            let text = String(decoding: response.body, as: UTF8.self)
            let names = text.components(separatedBy: "<Name>").dropFirst().compactMap {
                $0.components(separatedBy: "</Name>").first
            }
            let next = text.components(separatedBy: "<NextMarker>").dropFirst().first?.components(
                separatedBy: "</NextMarker>"
            ).first
            return Page(items: names, continuationToken: next)
        }
        let names = try await listing.collect()
        var upload = HTTPRequest(
            method: .put, url: endpoint.appendingPathComponent("c/config.json"),
            headers: ["x-ms-blob-type": "BlockBlob", "Content-Type": "application/json"],
            body: .data(Data(#"{"a":"x","b":[1,2]}"#.utf8)))
        upload.headers["x-ms-version"] = "2025-01-05"
        _ = try await client.execute(upload, operation: "BlockBlob_Upload", accepting: { $0 == 201 })
        return names
    }

    @Test(arguments: TestTarget.allCases)
    func sameBodyRunsAgainstFixtureAndLoopback(target: TestTarget) async throws {
        let names = try await withTestTransport(
            fixture: "list-containers", in: fixturesDirectory(), target: target, mode: .playback
        ) {
            try await Self.exercise($0)
        }
        #expect(names == ["a", "b", "c"])
    }

    @Test(arguments: TestTarget.allCases)
    func unusedInteractionsFailTheTest(target: TestTarget) async throws {
        let fixture = try Fixture.load(contentsOf: fixturesDirectory().appendingPathComponent("list-containers.json"))
        let error = await #expect(throws: FixtureError.self) {
            try await withTestTransport(fixture: fixture, target: target) { _ in }
        }
        #expect(error?.message.contains("3 interaction(s) never requested") == true)
    }

    @Test(arguments: TestTarget.allCases)
    func unexpectedRequestFailsWithADiff(target: TestTarget) async throws {
        let fixture = try Fixture.load(contentsOf: fixturesDirectory().appendingPathComponent("list-containers.json"))
        let error = await #expect(throws: FixtureError.self) {
            try await withTestTransport(fixture: fixture, target: target) { transport in
                var request = HTTPRequest(
                    method: .get,
                    url: URL(
                        string: "https://devacct.blob.core.windows.net/?comp=list&maxresults=5&sv=2025-01-05&sig=x")!)
                request.headers["x-ms-version"] = "2024-11-04"
                _ = try await transport.send(request, timeout: nil)
            }
        }
        let message = error?.message ?? ""
        #expect(message.contains("unexpected request GET"))
        #expect(message.contains("closest unused interaction #0"))
        #expect(message.contains("query: missing [maxresults=2], unexpected [maxresults=5]"))
        #expect(message.contains("header x-ms-version: sent 2024-11-04, recorded 2025-01-05"))
        #expect(!message.contains("sig=x"))
    }

    @Test func diffNamesMethodPathAndBody() {
        let recorded = Fixture.RecordedRequest(method: "PUT", url: "https://h/c/b?comp=block", body: #"{"a":1}"#)
        let sent = HTTPRequest(method: .post, url: URL(string: "https://h/c/other?comp=block")!)
        let diff = RequestMatcher().differences(sent, body: Data(#"{"a":2}"#.utf8), recorded: recorded) ?? ""
        #expect(diff.contains("method: sent POST, recorded PUT"))
        #expect(diff.contains("path: sent /c/other, recorded /c/b"))
        #expect(diff.contains(#"body: sent {"a":2}, recorded {"a":1}"#))
        #expect(
            RequestMatcher().differences(
                sent, body: Data(), recorded: .init(method: "POST", url: "https://h/c/other?comp=block")) == nil)
    }

    @Test func hostIsComparedOnlyInProcess() {
        let recorded = Fixture.RecordedRequest(method: "GET", url: "https://a.blob.core.windows.net/c")
        let sent = HTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:4000/c")!)
        #expect(
            RequestMatcher().differences(sent, body: Data(), recorded: recorded)?.contains(
                "host: sent http://127.0.0.1") == true)
        #expect(RequestMatcher().ignoringHost().differences(sent, body: Data(), recorded: recorded) == nil)
    }

    @Test func recordingStripsSecrets() async throws {
        let live = ClosureTransport { _ in
            HTTPResponse(
                status: 200, headers: ["x-ms-request-id": "r", "Set-Cookie": "s=COOKIESECRET"],
                body: Data(
                    #"{"access_token":"TOKENSECRET","expires_in":3600,"url":"https://a/b?sv=1&sig=SIGSECRET"}"#.utf8))
        }
        let recorder = RecordingTransport(name: "token", wrapping: live)
        var request = HTTPRequest(
            method: .post, url: URL(string: "https://user:PASSWORDSECRET@login.example/t?sig=SIGSECRET&api-version=1")!,
            headers: [
                "Authorization": "Bearer TOKENSECRET", "x-ms-copy-source-authorization": "Bearer COPYSECRET",
                "Content-Type": "application/x-www-form-urlencoded", "x-ms-version": "2025-01-05",
            ],
            body: .data(Data("grant_type=client_credentials&client_secret=CLIENTSECRET&client_id=abc".utf8)))
        request.headers["x-ms-date"] = "today"
        _ = try await recorder.send(request, timeout: nil)
        let json = String(decoding: try recorder.fixture.encoded(), as: UTF8.self)
        for secret in ["PASSWORDSECRET", "SIGSECRET", "TOKENSECRET", "COPYSECRET", "CLIENTSECRET", "COOKIESECRET"] {
            #expect(!json.contains(secret), "\(secret) was recorded:\n\(json)")
        }
        #expect(json.contains("client_id=abc"))
        #expect(json.contains("api-version=1"))
        #expect(json.contains(#""x-ms-version" : "2025-01-05""#))
        #expect(!json.contains("x-ms-date"))

        // The scrubbed recording still plays back against the original (secret-bearing) request.
        let playback = FixtureTransport(fixture: recorder.fixture)
        var replay = request
        replay.url = URL(string: "https://login.example/t?sig=OTHER&api-version=1")!
        let response = try await playback.send(replay, timeout: nil)
        #expect(response.status == 200)
        try playback.assertAllUsed()
    }

    @Test func largeRequestBodiesAreNotRecorded() async throws {
        let recorder = RecordingTransport(name: "big", wrapping: ClosureTransport { _ in HTTPResponse(status: 201) })
        let big = Data(repeating: 7, count: RecordingTransport.maxRecordedRequestBody + 1)
        _ = try await recorder.send(
            HTTPRequest(method: .put, url: URL(string: "https://a.blob.core.windows.net/c/b")!, body: .data(big)),
            timeout: nil)
        _ = try await recorder.send(
            HTTPRequest(
                method: .put, url: URL(string: "https://a.blob.core.windows.net/c/s")!, body: .data(Data([0, 1, 2]))),
            timeout: nil)
        let requests = recorder.fixture.interactions.map(\.request)
        #expect(requests.first?.bodyData == nil)
        #expect(requests.last?.bodyBase64 == "AAEC")
    }

    @Test func recordModeWritesTheFixture() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("azkit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withLoopbackServer({ _ in .respond(status: 200, body: Data("hi".utf8)) }) { server in
            // Record mode talks to the "live" service: here the loopback server, reached by URL.
            try await withTestTransport(fixture: "recorded", in: directory, mode: .record) { transport in
                _ = try await transport.send(
                    HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("x")), timeout: nil)
            }
        }
        let fixture = try Fixture.load(contentsOf: directory.appendingPathComponent("recorded.json"))
        #expect(fixture.interactions.count == 1)
        #expect(fixture.interactions.first?.response.body == "hi")
    }

    @Test(arguments: [
        (#"{"accountKey":"abc","name":"n"}"#, #"{"accountKey":"REDACTED","name":"n"}"#),
        (
            "<UserDelegationKey><SignedOid>o</SignedOid><Value>KEYBYTES</Value></UserDelegationKey>",
            "<UserDelegationKey><SignedOid>o</SignedOid><Value>REDACTED</Value></UserDelegationKey>"
        ),
        ("<Properties><Value>kept</Value></Properties>", "<Properties><Value>kept</Value></Properties>"),
        ("Authorization: Bearer eyJabc.def", "Authorization: Bearer REDACTED"),
        ("password=p&user=u", "password=REDACTED&user=u"),
        (#"{"values":[{"key":"Reason","value":"x"}]}"#, #"{"values":[{"key":"Reason","value":"x"}]}"#),
    ])
    func scrubberCases(input: String, expected: String) {
        #expect(Redaction.scrub(text: input) == expected)
    }

    @Test func testModeComesFromTheEnvironment() throws {
        #expect(try AzureTestMode.fromEnvironment([:]) == .playback)
        #expect(try AzureTestMode.fromEnvironment(["AZURE_TEST_MODE": "Record"]) == .record)
        #expect(try AzureTestMode.fromEnvironment(["AZURE_TEST_MODE": "live"]) == .live)
        let error = #expect(throws: FixtureError.self) {
            try AzureTestMode.fromEnvironment(["AZURE_TEST_MODE": "replay"])
        }
        #expect(error?.message.contains("'replay'") == true)
    }
}
