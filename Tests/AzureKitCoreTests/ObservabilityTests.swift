import AzureKitCore
import AzureKitTesting
import CoreMetrics
import Foundation
import InMemoryTracing
import Logging
import MetricsTestKit
import Testing
import Tracing

/// One operation through the real pipeline with injected failures, observed by swift-log, swift-distributed-tracing
/// and swift-metrics test backends at once (task-local, so suites can run in parallel).
@Suite("Observability: logs, spans and metrics of one operation")
struct ObservabilityTests {
    static let signature = "SIGSECRET123"
    static let token = "TOKENSECRET456"
    static let url = URL(string: "https://acct.blob.core.windows.net/c/b?comp=block&sv=2025-01-05&sig=\(signature)")!

    /// What one run recorded.
    struct Observed {
        var spans: [FinishedInMemorySpan]
        var tracer: InMemoryTracer
        var metrics: TestMetrics
        var log: TestLogHandler.Store
        var requests: [HTTPRequest]
        var error: (any Error)?
    }

    /// Sends one `PUT` through a ``ServiceClient`` whose transport answers `statuses` in turn.
    static func run(statuses: [(Int, HTTPHeaders)], traced: Bool = true) async throws -> Observed {
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let (logger, log) = TestLogHandler.logger(level: .debug)
        let script = Script(statuses)
        let requests = Recorder<HTTPRequest>()
        let counter = Recorder<Int>()
        let transport = ClosureTransport { request in
            requests.append(request)
            counter.append(0)
            let (status, headers) = script.action()
            var answer = headers
            answer["x-ms-request-id"] = "service-request-\(counter.values.count)"
            return HTTPResponse(status: status, headers: answer, body: Data(count: status < 300 ? 7 : 0))
        }
        let client = try ServiceClient(
            endpoint: URL(string: "https://acct.blob.core.windows.net")!,
            credential: .token(FixedTokenCredential(token: token)),
            profile: .testStorage,
            options: ServiceClientOptions(
                retry: RetryOptions(maxRetries: 3, clock: AzureClock(sleep: { _ in })), transport: transport,
                logger: logger))
        let body: @Sendable () async throws -> Void = {
            _ = try await client.execute(
                HTTPRequest(method: .put, url: url, body: .data(Data("block".utf8))),
                operation: "Block_Put", spanName: "TestBlobClient.stageBlock")
        }
        var caught: (any Error)?
        do {
            try await withMetricsFactory(metrics) {
                if traced { try await withTracer(tracer) { try await body() } } else { try await body() }
            }
        } catch { caught = error }
        return Observed(
            spans: tracer.finishedSpans, tracer: tracer, metrics: metrics, log: log,
            requests: requests.values, error: caught)
    }

    @Test("two injected 503s: one operation span with three attempt children, correlated")
    func retriesBecomeChildSpans() async throws {
        let observed = try await Self.run(statuses: [(503, [:]), (503, [:]), (201, [:])])
        #expect(observed.error == nil)
        let operation = try #require(observed.spans.first { $0.operationName == "TestBlobClient.stageBlock" })
        let attempts = observed.spans.filter { $0.operationName == "PUT" }
        #expect(observed.spans.count == 4)
        #expect(operation.kind == .internal)
        #expect(operation.parentSpanID == nil)
        #expect(operation.attributes.get(TracingAttribute.namespace) == .string("Microsoft.Storage"))
        #expect(operation.attributes.get(TracingAttribute.retryCount) == .int64(2))
        #expect(attempts.count == 3)
        for (index, attempt) in attempts.enumerated() {
            #expect(attempt.kind == .client)
            #expect(attempt.parentSpanID == operation.spanID)
            #expect(attempt.traceID == operation.traceID)
            #expect(attempt.attributes.get(TracingAttribute.requestMethod) == .string("PUT"))
            #expect(attempt.attributes.get(TracingAttribute.serverAddress) == .string("acct.blob.core.windows.net"))
            #expect(attempt.attributes.get(TracingAttribute.serverPort) == .int64(443))
            #expect(
                attempt.attributes.get(TracingAttribute.urlFull)
                    == .string("https://acct.blob.core.windows.net/c/b?comp=block&sv=2025-01-05&sig=REDACTED"))
            #expect(
                attempt.attributes.get(TracingAttribute.serviceRequestID) == .string("service-request-\(index + 1)"))
            #expect(attempt.attributes.get(TracingAttribute.responseStatusCode) == .int64(index < 2 ? 503 : 201))
            #expect(attempt.attributes.get(TracingAttribute.resendCount) == (index == 0 ? nil : .int64(Int64(index))))
            #expect(attempt.status?.code == (index < 2 ? .error : nil))
            #expect(attempt.attributes.get(TracingAttribute.errorType) == (index < 2 ? .string("503") : nil))
        }
        // One client request id for the operation: on every attempt's span and on every request sent.
        let ids = Set(observed.requests.compactMap { $0.headers["x-ms-client-request-id"] })
        #expect(ids.count == 1)
        #expect(
            attempts.allSatisfy { $0.attributes.get(TracingAttribute.clientRequestID) == .string(ids.first ?? "?") })

        // The trace context went out on each attempt, naming that attempt's span.
        #expect(observed.requests.count == 3)
        for (request, attempt) in zip(observed.requests, attempts) {
            #expect(request.headers[InMemoryTracer.traceIDKey] == operation.traceID)
            #expect(request.headers[InMemoryTracer.spanIDKey] == attempt.spanID)
        }
    }

    @Test("the same run in metrics: requests by status, retries, duration and bytes")
    func retriesBecomeMetrics() async throws {
        let observed = try await Self.run(statuses: [(503, [:]), (503, [:]), (201, [:])])
        let metrics = observed.metrics
        let base = [("service", "blob"), ("operation", "Block_Put")]
        #expect(try metrics.expectCounter(AzureMetrics.requests, base + [("status", "503")]).totalValue == 2)
        #expect(try metrics.expectCounter(AzureMetrics.requests, base + [("status", "201")]).totalValue == 1)
        #expect(try metrics.expectCounter(AzureMetrics.retries, base + [("reason", "503")]).totalValue == 2)
        #expect(try metrics.expectTimer(AzureMetrics.requestDuration, base).values.count == 3)
        #expect(
            try metrics.expectCounter(AzureMetrics.bytes, [("service", "blob"), ("direction", "sent")]).totalValue == 15
        )
        #expect(
            try metrics.expectCounter(AzureMetrics.bytes, [("service", "blob"), ("direction", "received")]).totalValue
                == 7)
    }

    @Test("the same run in the log: one info line per attempt with the correlation ids, nothing secret")
    func retriesBecomeLogLines() async throws {
        let observed = try await Self.run(statuses: [(503, [:]), (503, [:]), (201, [:])])
        let lines = observed.log.entries(withMessage: "HTTP response")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.level == .info })
        for (index, line) in lines.enumerated() {
            #expect(line.metadata["az-attempt"] == String(index + 1))
            #expect(line.metadata["az-method"] == "PUT")
            #expect(
                line.metadata["az-url"]
                    == "https://acct.blob.core.windows.net/c/b?comp=block&sv=2025-01-05&sig=REDACTED")
            #expect(line.metadata["az-status"] == (index < 2 ? "503" : "201"))
            #expect(line.metadata["az-request-id"] == "service-request-\(index + 1)")
            #expect(line.metadata["az-client-request-id"] == observed.requests[index].headers["x-ms-client-request-id"])
            #expect(line.metadata["az-operation"] == "Block_Put")
            #expect(line.metadata["az-duration-ms"].flatMap { Int($0) } != nil)
            // Verbose: the response headers, allow-listed.
            #expect(line.metadata["az-response-headers"]?.contains("x-ms-request-id: service-request-") == true)
        }
        let requests = observed.log.entries(withMessage: "HTTP request")
        #expect(requests.count == 3 && requests.allSatisfy { $0.level == .debug })
        #expect(requests.first?.metadata["az-headers"]?.contains("Authorization: REDACTED") == true)
        #expect(observed.log.entries(withMessage: "retrying").count == 2)
        for secret in [Self.signature, Self.token] { #expect(!observed.log.text.contains(secret)) }
    }

    @Test("a throttled attempt waits as told and is logged and counted as throttling")
    func throttling() async throws {
        let observed = try await Self.run(statuses: [(503, ["Retry-After": "2"]), (201, [:])])
        let line = try #require(observed.log.entries(withMessage: "throttled; waiting as the service asked").first)
        #expect(line.level == .info)
        #expect(line.metadata["az-delay-ms"] == "2000")
        #expect(line.metadata["az-retry-reason"] == "503")
        let dimensions = [("service", "blob"), ("operation", "Block_Put"), ("reason", "throttled")]
        #expect(try observed.metrics.expectCounter(AzureMetrics.retries, dimensions).totalValue == 1)
    }

    @Test("a service error is recorded on the operation span and on the attempt span")
    func errorsAreRecorded() async throws {
        let observed = try await Self.run(statuses: [(404, ["x-ms-error-code": "BlobNotFound"])])
        let error = try #require(observed.error as? AzureServiceError)
        #expect(error.status == 404)
        let operation = try #require(observed.spans.first { $0.operationName == "TestBlobClient.stageBlock" })
        #expect(operation.errors.count == 1)
        #expect(operation.status?.code == .error)
        #expect(operation.attributes.get(TracingAttribute.errorType) == .string("BlobNotFound"))
        let attempt = try #require(observed.spans.first { $0.operationName == "PUT" })
        #expect(attempt.attributes.get(TracingAttribute.errorType) == .string("404"))
        #expect(attempt.status?.code == .error)
    }

    @Test("without a tracer nothing is added to the request")
    func noTracerNoHeaders() async throws {
        let observed = try await Self.run(statuses: [(201, [:])], traced: false)
        let names = Set(try #require(observed.requests.first).headers.map { $0.name.lowercased() })
        #expect(names == ["user-agent", "x-ms-client-request-id", "x-ms-date", "content-length", "authorization"])
        #expect(observed.spans.isEmpty)
    }

    @Test("nested operations add no span of their own: the caller's operation is the one traced")
    func nestedOperations() async throws {
        let tracer = InMemoryTracer()
        let transport = ClosureTransport { _ in HTTPResponse(status: 200) }
        let client = try ServiceClient(
            endpoint: URL(string: "https://acct.blob.core.windows.net")!, credential: .anonymous,
            profile: .testStorage, options: ServiceClientOptions(transport: transport))
        try await withTracer(tracer) {
            try await client.operation("TestBlobClient.upload") {
                for _ in 0..<3 {
                    _ = try await client.execute(
                        HTTPRequest(method: .put, url: Self.url), operation: "Block_Put", spanName: "inner")
                }
            }
        }
        let spans = tracer.finishedSpans
        #expect(spans.map(\.operationName).sorted() == ["PUT", "PUT", "PUT", "TestBlobClient.upload"])
        let root = try #require(spans.first { $0.operationName == "TestBlobClient.upload" })
        #expect(spans.filter { $0.parentSpanID == root.spanID }.count == 3)
    }
}

@Suite("AZURE_LOG_LEVEL and the logger an operation uses")
struct LogLevelTests {
    @Test(arguments: [
        ("error", Logger.Level.error), ("warning", .warning), ("info", .info), ("verbose", .debug), ("VERBOSE", .debug),
    ])
    func levels(name: String, expected: Logger.Level) throws {
        #expect(try AzureLogLevel(parsing: name).loggerLevel == expected)
        #expect(try AzureLogLevel.fromEnvironment(["AZURE_LOG_LEVEL": name])?.loggerLevel == expected)
    }

    @Test func unsetIsOffAndUnknownIsATypedError() throws {
        #expect(try AzureLogLevel.fromEnvironment([:]) == nil)
        let error = try #require(throws: AzureClientError.self) {
            try AzureLogLevel.fromEnvironment(["AZURE_LOG_LEVEL": "debug"])
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("error, warning, info, verbose"))
    }

    @Test func theCallsLoggerWinsThenTheClientsThenTheProcessDefault() {
        let (call, _) = TestLogHandler.logger(label: "call")
        let (client, _) = TestLogHandler.logger(label: "client")
        #expect(AzureLogging.logger(for: call, client: client).label == "call")
        #expect(AzureLogging.logger(for: .azureDisabled, client: client).label == "client")
        #expect(AzureLogging.logger(for: .azureDisabled, client: nil).label == AzureLogging.logger.label)
    }

    @Test func theProcessWideLevelIsSettableInCode() {
        let previous = AzureLogging.level
        defer { AzureLogging.level = previous }
        AzureLogging.level = .info
        #expect(AzureLogging.logger.label == AzureLogging.label)
        #expect(AzureLogging.logger.logLevel == .info)
        AzureLogging.level = .verbose
        #expect(AzureLogging.logger.logLevel == .debug)
        AzureLogging.level = nil
        #expect(AzureLogging.logger.isAzureDisabled)
    }
}
