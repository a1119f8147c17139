import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Logging

/// A transport answering from a closure, for tests that do not need sockets.
struct ClosureTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequest) async throws -> HTTPResponse
    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse { try await answer(request) }
}

/// A thread-safe list tests append to from policies, transports and handlers.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []
    func append(_ value: Value) { lock.withLock { stored.append(value) } }
    var values: [Value] { lock.withLock { stored } }
}

/// Hands out scripted values (loopback actions, statuses) in order, repeating the last one.
final class Script<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let actions: [Value]
    private var next = 0
    init(_ actions: [Value]) { self.actions = actions }
    func action() -> Value {
        lock.withLock {
            defer { next += 1 }
            return actions[min(next, actions.count - 1)]
        }
    }
}

/// A policy that records its name and the request it saw.
struct RecordingPolicy: HTTPPolicy {
    let name: String
    let log: Recorder<(String, HTTPRequest)>
    func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse {
        log.append((name, request))
        return try await next(request, context)
    }
}

extension ServiceProfile {
    static let testStorage = ServiceProfile(
        module: "blob", version: "0.0.1", dateHeader: "x-ms-date", clientRequestIDHeader: "x-ms-client-request-id",
        retry: .storage, errors: .storageXML, tokenScopes: ["https://storage.azure.com/.default"],
        sharedKeyScheme: .storage,
        azureNamespace: "Microsoft.Storage")
    static let testBatch = ServiceProfile(
        module: "batch", version: "0.0.1", dateHeader: "ocp-date", clientRequestIDHeader: "client-request-id",
        clientRequestIDEchoHeaders: ["return-client-request-id": "true"], retry: .standard, errors: .batchJSON,
        tokenScopes: ["https://batch.core.windows.net//.default"], sharedKeyScheme: .batch,
        azureNamespace: "Microsoft.Batch")
}

/// Retry options that record waits instead of sleeping, with fixed jitter.
func recordingRetry(maxRetries: Int = 3, sleeps: Recorder<Duration>, random: Double = 0.5) -> RetryOptions {
    RetryOptions(
        maxRetries: maxRetries, baseDelay: .milliseconds(800), maxDelay: .seconds(60),
        clock: AzureClock(sleep: { sleeps.append($0) }, random: { random }))
}

/// A clock that advances one minute per reading, so each attempt gets a distinct date.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_760_000_000)
    func now() -> Date {
        lock.withLock {
            defer { current += 60 }
            return current
        }
    }
}

/// A token credential handing out a fixed (secret) token.
struct FixedTokenCredential: TokenCredential {
    let token: String
    func token(for scopes: [String], logger: Logging.Logger) async throws -> AccessToken {
        AccessToken(token: token, expiresOn: Date().addingTimeInterval(3600))
    }
}
