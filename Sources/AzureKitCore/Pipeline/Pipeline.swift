import Foundation
import Logging

/// The request pipeline, in a fixed order:
///
/// 1. per call: ``TelemetryPolicy`` (User-Agent), ``ClientRequestIDPolicy``, the user's per-call policies;
/// 2. ``RetryPolicy``, which repeats everything below it;
/// 3. per attempt: ``DatePolicy``, ``ContentLengthPolicy``, ``AuthenticationPolicy`` (so each attempt is signed
///    again with a fresh date), the user's per-attempt policies, ``TracingPolicy`` (a span per attempt and the
///    trace context on the request), ``MetricsPolicy``, ``LoggingPolicy``;
/// 4. the transport.
///
/// The logger is the call's, else ``ServiceClientOptions/logger``, else ``AzureLogging/logger``.
///
/// ```swift
/// let pipeline = Pipeline(profile: profile, credential: .sharedKey(key), options: .init())
/// let response = try await pipeline.send(request, operation: "Pools_Get", logger: logger)
/// ```
public struct Pipeline: Sendable {
    public let profile: ServiceProfile
    public let policies: [any HTTPPolicy]
    public let transport: any HTTPTransport
    public let timeout: Duration?
    /// The client's logger (``ServiceClientOptions/logger``), used when a call passes none.
    public let logger: Logger?

    public init(
        profile: ServiceProfile, credential: ServiceCredential, options: ServiceClientOptions,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.profile = profile
        var policies: [any HTTPPolicy] = [
            TelemetryPolicy(module: profile.module, version: profile.version, applicationID: options.applicationID),
            ClientRequestIDPolicy(),
        ]
        policies += options.perCallPolicies
        policies.append(RetryPolicy(options: options.retry))
        policies += [DatePolicy(now: now), ContentLengthPolicy(), AuthenticationPolicy(credential: credential)]
        policies += options.perAttemptPolicies
        policies += [
            TracingPolicy(redaction: options.redaction), MetricsPolicy(), LoggingPolicy(redaction: options.redaction),
        ]
        self.policies = policies
        self.logger = options.logger
        self.transport = options.transport
        self.timeout = options.timeout
    }

    /// Sends `request` through every policy and returns the final response, whatever its status.
    ///
    /// - Parameter values: what the policies need to know about this request beyond its URL and headers.
    public func send(
        _ request: HTTPRequest, operation: String, logger: Logger = .azureDisabled, values: RequestValues = .init()
    ) async throws -> HTTPResponse {
        let context = PipelineContext(
            operation: operation, logger: resolvedLogger(logger), profile: profile, values: values)
        return try await PipelineNext(policies: policies[...], transport: transport, timeout: timeout)(request, context)
    }

    /// The logger an operation uses when the call passes `logger` (see ``AzureLogging``).
    public func resolvedLogger(_ logger: Logger) -> Logger { AzureLogging.logger(for: logger, client: self.logger) }
}
