import Foundation
import Logging

/// The request pipeline, in a fixed order:
///
/// 1. per call: ``TelemetryPolicy`` (User-Agent), ``ClientRequestIDPolicy``, the user's per-call policies;
/// 2. ``RetryPolicy``, which repeats everything below it;
/// 3. per attempt: ``DatePolicy``, ``ContentLengthPolicy``, ``AuthenticationPolicy`` (so each attempt is signed
///    again with a fresh date), the user's per-attempt policies, ``LoggingPolicy``;
/// 4. the transport.
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

    public init(profile: ServiceProfile, credential: ServiceCredential, options: ServiceClientOptions, now: @escaping @Sendable () -> Date = { Date() }) {
        self.profile = profile
        var policies: [any HTTPPolicy] = [
            TelemetryPolicy(module: profile.module, version: profile.version, applicationID: options.applicationID),
            ClientRequestIDPolicy(),
        ]
        policies += options.perCallPolicies
        policies.append(RetryPolicy(options: options.retry))
        policies += [DatePolicy(now: now), ContentLengthPolicy(), AuthenticationPolicy(credential: credential)]
        policies += options.perAttemptPolicies
        policies.append(LoggingPolicy(redaction: options.redaction))
        self.policies = policies
        self.transport = options.transport
        self.timeout = options.timeout
    }

    /// Sends `request` through every policy and returns the final response, whatever its status.
    public func send(_ request: HTTPRequest, operation: String, logger: Logger = .azureDisabled) async throws -> HTTPResponse {
        let context = PipelineContext(operation: operation, logger: logger, profile: profile)
        return try await PipelineNext(policies: policies[...], transport: transport, timeout: timeout)(request, context)
    }
}
