import Foundation
import Tracing

/// One public client operation (`BatchClient.addTasks`, `BlobClient.upload`, …) as a tracing span, with every
/// HTTP attempt it makes as a child span (``TracingPolicy``).
///
/// Spans go to the tracer the application bootstrapped (`InstrumentationSystem.bootstrap`, or `withTracer` in a
/// test); without one they are no-ops. An operation started inside another (`createPoolIfAbsent` calling
/// `createPool`, `addTasks` sending collections) adds no span of its own: the user sees the call they made.
///
/// ```swift
/// try await AzureOperation.run("BlobClient.upload", namespace: "Microsoft.Storage") {
///     try await stageBlocks()
///     try await commit()
/// }
/// ```
public enum AzureOperation {
    /// What the running operation records while its requests go through the pipeline.
    public final class Scope: Sendable {
        public let name: String
        public let span: any Span
        private let counters = Locked((retries: 0, attempts: 0))

        init(name: String, span: any Span) {
            self.name = name
            self.span = span
        }

        /// HTTP attempts made so far by the operation.
        public var attempts: Int { counters.withLock { $0.attempts } }
        /// Retries made so far by the operation (attempts beyond each request's first).
        public var retries: Int { counters.withLock { $0.retries } }

        func recordAttempt(retry: Bool) {
            let retries = counters.withLock { state -> Int in
                state.attempts += 1
                if retry { state.retries += 1 }
                return state.retries
            }
            if retry, span.isRecording { span.attributes[TracingAttribute.retryCount] = retries }
        }
    }

    /// `<client>.<method>` from a `#function` such as `getPool(_:select:expand:conditions:logger:)`.
    public static func name(client: String, function: String) -> String {
        client + "." + (function.split(separator: "(", maxSplits: 1).first.map(String.init) ?? function)
    }

    /// The operation the current task is part of, if any.
    @TaskLocal public static var current: Scope?

    /// Runs `body` as the operation `name` (`<Client>.<method>`), in a span of its own unless an operation is
    /// already running. Errors are recorded on the span and rethrown.
    public static func run<T>(
        _ name: String, namespace: String, _ body: () async throws -> T
    ) async throws -> T {
        if current != nil { return try await body() }
        return try await withSpan(name, ofKind: .internal) { span in
            if span.isRecording { span.attributes[TracingAttribute.namespace] = namespace }
            do {
                return try await $current.withValue(Scope(name: name, span: span)) { try await body() }
            } catch {
                if span.isRecording {
                    span.attributes[TracingAttribute.errorType] = TracingAttribute.errorType(of: error)
                }
                throw error
            }
        }
    }
}
