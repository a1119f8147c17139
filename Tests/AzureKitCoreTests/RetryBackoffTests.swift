import AzureBlobKit
import AzureKitCore
import Foundation
import Testing

@Suite("Retry waits and classification")
struct RetryBackoffTests {
    @Test(arguments: [(1, 640, 960), (2, 1280, 1920), (3, 2560, 3840), (4, 5120, 7680)])
    func backoffStaysWithinJitterBounds(retry: Int, low: Int64, high: Int64) {
        let smallest = RetryOptions(clock: AzureClock(random: { 0 })).backoff(forRetry: retry)
        let largest = RetryOptions(clock: AzureClock(random: { 0.999_999_9 })).backoff(forRetry: retry)
        #expect(smallest == .milliseconds(low))
        #expect(largest.milliseconds >= high - 1 && largest.milliseconds <= high)
    }

    @Test func backoffIsCappedAtMaxDelay() {
        let options = RetryOptions(
            baseDelay: .seconds(10), maxDelay: .seconds(25), clock: AzureClock(random: { 0.999 }))
        #expect(options.backoff(forRetry: 3) == .seconds(25))
        #expect(options.backoff(forRetry: 200) == .seconds(25))
    }

    @Test func serverHintIsCappedAtMaxDelay() {
        let policy = RetryPolicy(options: RetryOptions(maxDelay: .seconds(5)))
        let wait = policy.waitTime(
            after: .response(HTTPResponse(status: 503, headers: ["Retry-After": "120"])), retry: 1)
        #expect(wait == .seconds(5))
    }

    @Test func retryAfterAsHTTPDate() throws {
        let now = try #require(HTTPDate.parse("Wed, 01 Oct 2025 12:00:00 GMT"))
        let hint = RetryPolicy.serverHint(["Retry-After": "Wed, 01 Oct 2025 12:00:30 GMT"], now: now)
        #expect(hint == .seconds(30))
        let past = RetryPolicy.serverHint(["Retry-After": "Wed, 01 Oct 2025 11:00:00 GMT"], now: now)
        #expect(past == .zero)
    }

    @Test func hintPrecedenceAndGarbage() {
        #expect(RetryPolicy.serverHint(["x-ms-retry-after-ms": "250", "Retry-After": "9"]) == .milliseconds(250))
        #expect(RetryPolicy.serverHint(["retry-after-ms": "40"]) == .milliseconds(40))
        #expect(RetryPolicy.serverHint(["Retry-After": "soon"]) == nil)
        #expect(RetryPolicy.serverHint(["Retry-After": "-3"]) == nil)
        #expect(RetryPolicy.serverHint([:]) == nil)
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504])
    func batchRetriesTransientStatuses(status: Int) {
        let request = HTTPRequest(method: .get, url: URL(string: "https://a.batch.azure.com")!)
        #expect(RetryClassifier.standard.shouldRetry(request, .response(HTTPResponse(status: status))))
    }

    @Test(arguments: [200, 201, 304, 400, 401, 403, 404, 409, 412, 501, 505])
    func batchDoesNotRetryOthers(status: Int) {
        let request = HTTPRequest(method: .get, url: URL(string: "https://a.batch.azure.com")!)
        #expect(!RetryClassifier.standard.shouldRetry(request, .response(HTTPResponse(status: status))))
    }

    @Test func storageRulesDifferFromBatch() {
        let request = HTTPRequest(method: .get, url: URL(string: "https://a.blob.core.windows.net")!)
        let storage = RetryClassifier.storage
        #expect(!storage.shouldRetry(request, .response(HTTPResponse(status: 429))))
        #expect(storage.shouldRetry(request, .response(HTTPResponse(status: 500))))
        #expect(storage.shouldRetry(request, .response(HTTPResponse(status: 507))))
        #expect(!storage.shouldRetry(request, .response(HTTPResponse(status: 501))))
        #expect(!storage.shouldRetry(request, .response(HTTPResponse(status: 505))))
        #expect(
            storage.shouldRetry(
                request, .response(HTTPResponse(status: 409, headers: ["x-ms-copy-source-error-code": "ServerBusy"]))))
        #expect(!storage.shouldRetry(request, .error(CancellationError())))
        #expect(storage.shouldRetry(request, .error(TransportError(kind: .timedOut, host: "h", detail: ""))))
        #expect(!storage.shouldRetry(request, .error(AzureClientError(.invalidArgument, "x"))))
    }
}
