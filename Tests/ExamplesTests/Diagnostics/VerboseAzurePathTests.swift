import AzureBatchKit
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import AzureKitTesting
import CoreMetrics
import Foundation
import InMemoryTracing
import Logging
import MetricsTestKit
import SubmitYearsCore
import Testing
import Tracing

/// The Azure path at `AZURE_LOG_LEVEL=verbose` over real sockets (the recorded Batch conversation served by a
/// loopback server, the in-memory Blob service on another), with failures injected, observed through swift-log,
/// swift-distributed-tracing and swift-metrics test backends. Every log line and span attribute is scanned for
/// secrets.
///
/// `OBSERVABILITY_EXCERPT=1 swift test --filter VerboseAzurePathTests` also writes the lines to standard error in
/// swift-log's stream format (the excerpt in the "Diagnosing a job" article).
@Suite("The Azure path at AZURE_LOG_LEVEL=verbose")
struct VerboseAzurePathTests {
    static let storageKey = AzurePathTests.storageKey

    /// A verbose logger from the environment variable, captured in memory (and echoed to stderr on request).
    static func verboseLogger() throws -> (Logger, TestLogHandler.Store) {
        let level = try #require(try AzureLogLevel.fromEnvironment(["AZURE_LOG_LEVEL": "verbose"]))
        let store = TestLogHandler.Store()
        let echo = ProcessInfo.processInfo.environment["OBSERVABILITY_EXCERPT"] == "1"
        var logger = Logger(label: AzureLogging.label) { label in
            let captured = TestLogHandler(store: store, level: level.loggerLevel)
            return echo ? MultiplexLogHandler([captured, StreamLogHandler.standardError(label: label)]) : captured
        }
        logger.logLevel = level.loggerLevel
        return (logger, store)
    }

    @Test("SubmitYears against loopback Batch with injected 503s: lines, spans and counters, no secret")
    func submitYears() async throws {
        let (logger, log) = try Self.verboseLogger()
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let fixture = try Fixture.load(contentsOf: Fixtures.url("submit-years-azure.json"))
        let (console, captured) = Console.capturing()
        let status = try await withTestTransport(fixture: fixture, target: .loopback) { loopback in
            // The first add-task-collection and the first task-counts poll answer 503 before reaching the server.
            let transport = FailingFirstTransport(base: loopback, failing: ["/addtaskcollection", "/taskcounts"])
            let app = try Self.app(transport: transport, logger: logger, console: console)
            return await withMetricsFactory(metrics) { await withTracer(tracer) { await app.run() } }
        }
        #expect(status == 1, "\(captured.text)")  // the recorded run has one failed task
        #expect(captured.text.contains("1 of 8 tasks failed."))

        // Logs: one info line per HTTP attempt with the correlation ids; lifecycle steps; verbose headers.
        let responses = log.entries(withMessage: "HTTP response")
        #expect(responses.count == 14)  // 12 recorded exchanges + 2 injected failures
        #expect(responses.allSatisfy { $0.level == .info && $0.metadata["az-client-request-id"]?.isEmpty == false })
        #expect(responses.filter { $0.metadata["az-status"] == "503" }.count == 2)
        #expect(
            responses.contains {
                $0.metadata["az-attempt"] == "2" && $0.metadata["az-url"]?.contains("/addtaskcollection") == true
            })
        #expect(
            log.entries(withMessage: "HTTP request").allSatisfy {
                $0.level == .debug && $0.metadata["az-headers"] != nil
            })
        for message in [
            "retrying", "pool exists; reusing it", "job created", "adding tasks", "tasks added", "task counts changed",
            "SAS issued", "image checked",
        ] {
            #expect(!log.entries(withMessage: message).isEmpty, "no '\(message)' line")
        }
        #expect(log.entries(withMessage: "SAS issued").count == 16)

        // Spans: one per public operation, attempts as children; the add-tasks operation shows its retry.
        let spans = tracer.finishedSpans
        let addTasks = try #require(spans.first { $0.operationName == "BatchClient.addTasks" })
        let addAttempts = spans.filter { $0.parentSpanID == addTasks.spanID }
        #expect(addAttempts.map(\.operationName) == ["POST", "POST"])
        #expect(
            addAttempts.map { $0.attributes.get(TracingAttribute.responseStatusCode) } == [.int64(503), .int64(200)])
        #expect(addAttempts.last?.attributes.get(TracingAttribute.resendCount) == .int64(1))
        #expect(addTasks.attributes.get(TracingAttribute.retryCount) == .int64(1))
        #expect(addTasks.attributes.get(TracingAttribute.namespace) == .string("Microsoft.Batch"))
        for name in [
            "ContainerRegistryClient.verify", "BatchClient.createPoolIfAbsent", "BatchClient.createJob",
            "BatchClient.updateJob", "BatchClient.taskCounts", "BatchClient.listTasks", "BatchClient.stderrTail",
        ] {
            #expect(spans.contains { $0.operationName == name }, "no span \(name)")
        }
        // The pool already existed: the 409 is recorded on the attempt, the operation itself succeeded.
        let pool = try #require(spans.first { $0.operationName == "BatchClient.createPoolIfAbsent" })
        #expect(pool.errors.isEmpty)
        #expect(
            spans.first { $0.parentSpanID == pool.spanID }?.attributes.get(TracingAttribute.errorType) == .string("409")
        )
        // Every attempt span carries the service's request id as the log line does.
        let attemptSpans = spans.filter { $0.kind == .client }
        #expect(attemptSpans.count == 14)
        let loggedIDs = Set(responses.compactMap { $0.metadata["az-request-id"] }.filter { !$0.isEmpty })
        let tracedIDs = Set(attemptSpans.compactMap { Self.string($0, TracingAttribute.serviceRequestID) })
        #expect(!tracedIDs.isEmpty && tracedIDs == loggedIDs)

        // Metrics: requests by operation and status, the retries, the final task counts.
        #expect(
            try metrics.expectCounter(
                AzureMetrics.requests,
                [("service", "batch"), ("operation", "Tasks_CreateTaskCollection"), ("status", "503")]
            ).totalValue == 1)
        #expect(
            try metrics.expectCounter(
                AzureMetrics.requests,
                [("service", "batch"), ("operation", "Tasks_CreateTaskCollection"), ("status", "200")]
            ).totalValue == 1)
        #expect(metrics.counters(label: AzureMetrics.retries).reduce(0) { $0 + $1.totalValue } == 2)
        #expect(
            try metrics.expectGauge(AzureMetrics.batchTasks, [("job", "airlines-test-job"), ("state", "succeeded")])
                .lastValue == 7)
        #expect(
            try metrics.expectGauge(AzureMetrics.batchTasks, [("job", "airlines-test-job"), ("state", "failed")])
                .lastValue == 1)

        Self.expectNoSecrets(log: log, spans: spans)
    }

    @Test(
        "blob upload and download with a SAS over sockets, with injected 503s: one span per transfer, no signature anywhere"
    )
    func blobTransfers() async throws {
        let (logger, log) = try Self.verboseLogger()
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let loopback = try await BlobLoopback.start()
        do {
            var issuer = try BlobSASIssuer.accountKey(
                SharedKeyCredential(accountName: loopback.store.account, accountKey: Self.storageKey))
            issuer.logger = logger
            let access = try issuer.taskAccess(
                input: BlobURL(parsing: loopback.url(container: "demo", name: "in.bin")),
                output: .blob(BlobURL(parsing: loopback.url(container: "demo", name: "in.bin"))),
                lifetime: .seconds(3600))
            let options = BlobClientOptions(
                core: ServiceClientOptions(
                    retry: RetryOptions(maxRetries: 2, clock: AzureClock(sleep: { _ in })), logger: logger),
                transfer: BlobTransferOptions(blockSize: 1 << 10, maxConcurrency: 2, singleShotLimit: 1 << 10))
            loopback.store.inject(.status(503, code: "ServerBusy")) { $0.query["comp"] == "block" }
            loopback.store.inject(.status(503, code: "ServerBusy")) { $0.method == .get }
            let payload = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let downloaded = try await withMetricsFactory(metrics) {
                try await withTracer(tracer) {
                    try await BlobClient(url: access.outputURL, options: options).upload(payload)
                    return try await BlobClient(url: access.inputURL, options: options).downloadData()
                }
            }
            #expect(downloaded == payload)
        } catch {
            await loopback.shutdown()
            throw error
        }
        await loopback.shutdown()

        let spans = tracer.finishedSpans
        let upload = try #require(spans.first { $0.operationName == "BlobClient.upload" })
        let uploadAttempts = spans.filter { $0.parentSpanID == upload.spanID }
        #expect(uploadAttempts.count == 7)  // 5 blocks, one of them twice, and the block list
        #expect(upload.attributes.get(TracingAttribute.retryCount) == .int64(1))
        #expect(upload.attributes.get(TracingAttribute.namespace) == .string("Microsoft.Storage"))
        let download = try #require(spans.first { $0.operationName == "BlobClient.downloadData" })
        #expect(download.attributes.get(TracingAttribute.retryCount) == .int64(1))
        #expect(
            spans.allSatisfy {
                $0.kind != .client || Self.string($0, TracingAttribute.urlFull)?.contains("sig=REDACTED") == true
            })
        #expect(
            try metrics.expectCounter(AzureMetrics.bytes, [("service", "storage-blob"), ("direction", "sent")])
                .totalValue >= 5000)
        #expect(
            try metrics.expectCounter(AzureMetrics.bytes, [("service", "storage-blob"), ("direction", "received")])
                .totalValue >= 5000)
        #expect(
            log.entries(withMessage: "HTTP response").count == uploadAttempts.count
                + spans.filter { $0.parentSpanID == download.spanID }.count)
        Self.expectNoSecrets(log: log, spans: spans)
    }

    /// A string attribute of `span`.
    static func string(_ span: FinishedInMemorySpan, _ key: String) -> String? {
        if case .string(let value)? = span.attributes.get(key) { return value }
        return nil
    }

    /// Fails when any log line or span attribute holds a key, a token, a password or a SAS signature.
    static func expectNoSecrets(
        log: TestLogHandler.Store, spans: [FinishedInMemorySpan], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var texts = log.entries.map(\.description)
        for span in spans {
            span.attributes.forEach { key, _ in texts.append("\(span.operationName) \(key)=\(string(span, key) ?? "")")
            }
        }
        #expect(!texts.isEmpty, sourceLocation: sourceLocation)
        let encodedKey = storageKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? storageKey
        let patterns = [
            #"sig=(?!REDACTED)"#, #"(?i)authorization: (?!REDACTED)"#, #"(?i)bearer\s+[A-Za-z0-9\-_.]{8,}"#,
            #"SharedKey [^ :]+:"#, #"(?i)(password|client_secret|refresh_token|access_token)=(?!REDACTED)"#,
            #"(?i)x-ms-encryption-key: (?!REDACTED)"#,
        ]
        for text in texts {
            #expect(
                !text.contains(storageKey) && !text.contains(encodedKey), "account key in: \(text)",
                sourceLocation: sourceLocation)
            for pattern in patterns {
                #expect(
                    text.range(of: pattern, options: .regularExpression) == nil, "\(pattern) matches: \(text)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    static func app(transport: any HTTPTransport, logger: Logger, console: Console) throws -> SubmitYearsApp {
        var options = SubmitYearsApp.Options()
        options.jobID = "airlines-test-job"
        let real = AzureClock.continuous
        let immediate = AzureClock(now: real.now, sleep: { _ in }, random: { 0.5 })
        return SubmitYearsApp(
            options: options, settings: try AzurePathTests.settings(),
            environment: EnvironmentVariables(["AIRLINE_IMAGE": "devregistry.azurecr.io/airline-analytics:1.0"]),
            console: console,
            taskProgram: URL(fileURLWithPath: "/bin/false"),
            progressOptions: TaskProgressOptions(interval: .milliseconds(1), jitter: 0, clock: immediate),
            makeClients: { settings, submit in
                let core = ServiceClientOptions(
                    retry: .init(maxRetries: 2, clock: AzureClock(sleep: { _ in })), transport: transport,
                    logger: logger)
                let batchSettings = try #require(try settings.batch)
                let batch = try BatchClient(
                    endpoint: batchSettings.endpoint, credential: try #require(batchSettings.sharedKey),
                    options: BatchClientOptions(core: core))
                var issuer = try BlobSASIssuer.accountKey(try #require(try settings.storage?.credential.sharedKey))
                issuer.logger = logger
                let registry = try submit.registryAccess.map { try $0.client(options: .init(core: core)) }
                return AzureClients(batch: batch, registry: registry, sasIssuer: issuer)
            })
    }
}

/// Answers 503 to the first request whose path ends with each of `failing`, then passes everything on: a
/// transient failure injected in front of a recorded conversation, which never sees it.
final class FailingFirstTransport: HTTPTransport, @unchecked Sendable {
    let base: any HTTPTransport
    private let lock = NSLock()
    private var pending: Set<String>

    init(base: any HTTPTransport, failing: Set<String>) {
        self.base = base
        self.pending = failing
    }

    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let fail = lock.withLock { () -> Bool in
            guard let suffix = pending.first(where: { request.url.path.hasSuffix($0) }) else { return false }
            pending.remove(suffix)
            return true
        }
        if fail {
            return HTTPResponse(
                status: 503,
                headers: [
                    "x-ms-request-id": "injected-\(request.url.lastPathComponent)",
                    "Content-Type": "application/json",
                ],
                body: Data(
                    #"{"odata.metadata":"x","code":"ServerBusy","message":{"lang":"en-US","value":"injected"}}"#.utf8))
        }
        return try await base.send(request, timeout: timeout)
    }
}
