import AzureKitSigning
import Foundation
import Logging

/// The engine under every service client: an endpoint, a pipeline, and error decoding.
///
/// Service clients (BatchClient, BlobClient, …) are small immutable structs that build requests and call
/// ``execute(_:operation:accepting:logger:)``.
///
/// ```swift
/// let client = try ServiceClient(endpoint: url, credential: .sharedKey(key), profile: .batch, options: .init())
/// let response = try await client.execute(request, operation: "Pools_Get")
/// ```
public struct ServiceClient: Sendable {
    public let endpoint: URL
    public let credential: ServiceCredential
    public let options: ServiceClientOptions
    public let pipeline: Pipeline

    /// - Throws: ``AzureClientError`` for a URL without scheme or host, or plain `http://` to a host that is not
    ///   loopback (unless ``ServiceClientOptions/allowsInsecureHTTP``).
    public init(endpoint: URL, credential: ServiceCredential, profile: ServiceProfile, options: ServiceClientOptions)
        throws
    {
        try EndpointValidation.validate(endpoint, allowsInsecureHTTP: options.allowsInsecureHTTP)
        self.endpoint = endpoint
        self.credential = credential
        self.options = options
        self.pipeline = Pipeline(profile: profile, credential: credential, options: options)
    }

    /// Sends `request`; a status outside `accepting` becomes an ``AzureServiceError`` decoded with the
    /// service's error format.
    ///
    /// The request runs as the public operation `spanName` (``AzureOperation``: a tracing span with a child per
    /// HTTP attempt) unless it is part of an operation already running; `spanName` defaults to `operation`.
    public func execute(
        _ request: HTTPRequest, operation: String, accepting: (Int) -> Bool = { (200..<300).contains($0) },
        logger: Logger = .azureDisabled, spanName: String? = nil
    ) async throws -> HTTPResponse {
        try await AzureOperation.run(spanName ?? operation, namespace: pipeline.profile.azureNamespace) {
            // Chosen here (ClientRequestIDPolicy keeps a caller-supplied id) so the error can quote it even when the
            // service does not echo it.
            var request = request
            let idHeader = pipeline.profile.clientRequestIDHeader
            let clientRequestID = request.headers[idHeader] ?? UUID().uuidString.lowercased()
            request.headers[idHeader] = clientRequestID
            let response = try await pipeline.send(request, operation: operation, logger: logger)
            guard accepting(response.status) else {
                // An unexpected 2xx may still be streaming; the error decoder reads a collected body.
                throw pipeline.profile.errors.decode(
                    try await response.collected(), operation: operation, clientRequestID: clientRequestID)
            }
            return response
        }
    }

    /// Runs `body` as the public operation `name` (`<Client>.<method>`) of this client's service: one span,
    /// whatever requests `body` sends. See ``AzureOperation``.
    public func operation<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        try await AzureOperation.run(name, namespace: pipeline.profile.azureNamespace, body)
    }

    /// The URL of `path` under the endpoint: each segment percent-encoded with ``PercentEncoding`` (so a `/`
    /// inside a segment, as in a file path, becomes `%2F`), then `query` with `$` kept in names (`$filter`).
    ///
    /// ```swift
    /// let url = try client.url(path: ["jobs", "job 1", "tasks"], query: [("api-version", "2025-06-01")])
    /// // https://…/jobs/job%201/tasks?api-version=2025-06-01
    /// ```
    public func url(path segments: [String], query: [(String, String)] = []) throws -> URL {
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for segment in segments { text += "/" + PercentEncoding.encode(segment, safe: "") }
        if !query.isEmpty { text += "?" + PercentEncoding.query(query, safeInNames: "$") }
        guard let url = URL(string: text) else {
            throw AzureClientError.invalidURL(text, reason: "cannot build a request URL")
        }
        return url
    }

    /// The logger an operation uses when the call passes `logger` (see ``AzureLogging``).
    public func resolvedLogger(_ logger: Logger) -> Logger { pipeline.resolvedLogger(logger) }
}
