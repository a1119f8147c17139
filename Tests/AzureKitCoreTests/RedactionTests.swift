import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Logging
import Testing

@Suite("Redaction: secrets never reach logs or descriptions")
struct RedactionTests {
    static let secrets = [
        "SIGSECRET123", "TOKENSECRET456", "COPYSECRET789", "ENCKEYSECRET", "PASSWORDSECRET", "COOKIESECRET",
        "LEASESECRETQ", "RESPONSETOKEN",
    ]

    @Test(arguments: TestTarget.allCases)
    func traceLoggingNeverShowsSecrets(target: TestTarget) async throws {
        let (logger, log) = TestLogHandler.logger(level: .trace)
        let answer: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            HTTPResponse(
                status: 503,
                headers: [
                    "x-ms-request-id": "req-1", "Set-Cookie": "session=COOKIESECRET",
                    "x-ms-meta-token": "RESPONSETOKEN", "Content-Type": "application/xml",
                ])
        }
        let run: @Sendable (any HTTPTransport) async throws -> Void = { transport in
            let pipeline = Pipeline(
                profile: .testStorage, credential: .token(FixedTokenCredential(token: "TOKENSECRET456")),
                options: ServiceClientOptions(
                    retry: RetryOptions(maxRetries: 1, clock: AzureClock(sleep: { _ in })), transport: transport)
            )
            var request = HTTPRequest(
                method: .put,
                url: URL(
                    string:
                        "https://acct.blob.core.windows.net/c/b?comp=block&sv=2025-01-05&sig=SIGSECRET123&password=PASSWORDSECRET"
                )!,
                headers: [
                    "x-ms-copy-source-authorization": "Bearer COPYSECRET789", "x-ms-encryption-key": "ENCKEYSECRET",
                    "x-ms-lease-id": "LEASESECRETQ",
                ],
                body: .data(Data("block".utf8)))
            request.headers["x-ms-version"] = "2025-01-05"
            _ = try await pipeline.send(request, operation: "Block_Put", logger: logger)
        }
        switch target {
        case .fixture:
            try await run(ClosureTransport { answer($0) })
        case .loopback:
            try await withLoopbackServer({ request in
                let response = answer(HTTPRequest(method: request.method, url: URL(string: "http://x")!))
                return .respond(status: response.status, headers: response.headers)
            }) { server in try await run(RedirectingTransport(to: server.baseURL)) }
        }

        let entries = log.entries
        #expect(entries.contains { $0.message == "HTTP request" })
        #expect(entries.contains { $0.message == "HTTP response" })
        #expect(entries.contains { $0.message == "retrying" })
        for secret in Self.secrets {
            #expect(!log.text.contains(secret), "\(secret) leaked into the log")
        }
        #expect(log.text.contains("sv=2025-01-05"))
        #expect(log.text.contains("sig=REDACTED"))
        let response = try #require(entries.last { $0.message == "HTTP response" })
        #expect(response.metadata["az-request-id"] == "req-1")
        #expect(response.metadata["az-attempt"] == "2")
        #expect(response.metadata["az-operation"] == "Block_Put")
        #expect(response.metadata["az-client-request-id"]?.isEmpty == false)
        #expect(response.metadata["az-status"] == "503")
    }

    @Test func descriptionsNeverShowSecrets() throws {
        let key = Data("super secret account key".utf8).base64EncodedString()
        let credential = try SharedKeyCredential(accountName: "devacct", accountKey: key)
        let url = URL(string: "https://user:PASSWORDSECRET@acct.blob.core.windows.net/c/b?sv=1&sig=SIGSECRET123")!
        let headers: HTTPHeaders = ["Authorization": "SharedKey devacct:TOKENSECRET456", "x-ms-date": "today"]
        let request = HTTPRequest(method: .get, url: url, headers: headers)
        let serviceError = ServiceErrorDecoder.storageXML.decode(
            HTTPResponse(
                status: 403, headers: ["Authorization": "TOKENSECRET456", "x-ms-error-code": "AuthenticationFailed"],
                body: Data(
                    "<Error><Code>AuthenticationFailed</Code><Message>Server failed</Message><AuthenticationErrorDetail>The MAC signature found in the HTTP request 'Q29weVNlY3JldFNpZ25hdHVyZVZhbHVlVGhhdElzTG9uZz09' is not the same</AuthenticationErrorDetail></Error>"
                        .utf8)),
            operation: "Blob_Get", clientRequestID: nil)
        let texts = [
            "\(credential)", String(reflecting: credential), "\(ServiceCredential.sharedKey(credential))",
            "\(ServiceCredential.sas("sv=1&sig=SIGSECRET123"))",
            "\(AccessToken(token: "TOKENSECRET456", expiresOn: Date()))",
            "\(ServiceCredential.token(FixedTokenCredential(token: "TOKENSECRET456")))",
            "\(headers)", "\(request)", "\(serviceError)", "\(serviceError.headers)", "\(serviceError.details)",
            "\(AzureClientError.invalidURL(url.absoluteString, reason: "test"))",
        ]
        for text in texts {
            for secret in Self.secrets + [key, "Q29weVNlY3JldFNpZ25hdHVyZVZhbHVlVGhhdElzTG9uZz09"] {
                #expect(!text.contains(secret), "\(secret) leaked into: \(text)")
            }
        }
        #expect(serviceError.code == .authenticationFailed)
    }

    @Test func allowListCanBeExtended() {
        let redaction = Redaction.default.allowing(headers: ["x-trace"], queryParameters: ["tenant"])
        let headers = redaction.redact(["X-Trace": "t-1", "x-secret": "s"])
        #expect(headers["x-trace"] == "t-1")
        #expect(headers["x-secret"] == Redaction.placeholder)
        #expect(
            redaction.redact(URL(string: "https://h/p?tenant=t&code=c#frag")!)
                == "https://h/p?tenant=t&code=REDACTED#frag")
    }

    @Test func percentEncodedSigNameIsStillRedacted() {
        #expect(Redaction.default.redactURLString("https://h/p?%73ig=SIGSECRET123") == "https://h/p?%73ig=REDACTED")
    }
}
