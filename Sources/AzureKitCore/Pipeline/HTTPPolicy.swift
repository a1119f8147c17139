import Logging

/// One step of the request pipeline: it may change the request, call `next` (once, several times, or not
/// at all) and inspect the response.
///
/// ```swift
/// struct AddTraceHeader: HTTPPolicy {
///     func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse {
///         var request = request
///         request.headers["x-trace"] = "on"
///         return try await next(request, context)
///     }
/// }
/// ```
public protocol HTTPPolicy: Sendable {
    func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
}

/// What a policy knows about the operation it is part of.
public struct PipelineContext: Sendable {
    /// The logical operation, e.g. `Pools_Create`.
    public var operation: String
    /// The caller's logger (disabled by default), with `az-*` metadata attached as the request progresses.
    public var logger: Logger
    /// One id per logical operation, kept across attempts.
    public var clientRequestID: String?
    /// 1 for the first attempt, 2 for the first retry, ….
    public var attempt: Int
    /// The service this pipeline talks to.
    public let profile: ServiceProfile
    /// What the caller told the policies about this request (see ``RequestValues``).
    public var values: RequestValues

    public init(operation: String, logger: Logger, profile: ServiceProfile, values: RequestValues = .init()) {
        self.operation = operation
        self.logger = logger
        self.clientRequestID = nil
        self.attempt = 1
        self.profile = profile
        self.values = values
    }
}

/// The rest of the pipeline after the current policy.
public struct PipelineNext: Sendable {
    let policies: ArraySlice<any HTTPPolicy>
    let transport: any HTTPTransport
    let timeout: Duration?

    init(policies: ArraySlice<any HTTPPolicy>, transport: any HTTPTransport, timeout: Duration?) {
        self.policies = policies
        self.transport = transport
        self.timeout = timeout
    }

    /// Runs the remaining policies and then the transport.
    public func callAsFunction(_ request: HTTPRequest, _ context: PipelineContext) async throws -> HTTPResponse {
        guard let policy = policies.first else {
            try Task.checkCancellation()
            return try await transport.send(request, timeout: timeout)
        }
        let rest = PipelineNext(policies: policies.dropFirst(), transport: transport, timeout: timeout)
        return try await policy.send(request, context: context, next: rest)
    }
}
