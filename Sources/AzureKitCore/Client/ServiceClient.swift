import AzureKitSigning
import Foundation
import Logging

/// The engine under every service client: an endpoint, a pipeline, and error decoding.
///
/// Service clients (BatchClient, BlobClient, ContainerRegistryClient, ResourceManagerClient, …) are small immutable
/// structs over one of these: they build each request with ``request(_:path:query:headers:body:)`` (the service
/// profile's conventions: path encoding, API version, default `Accept`) and send it with
/// ``execute(_:operation:accepting:logger:spanName:values:)``.
///
/// ```swift
/// let client = try ServiceClient(endpoint: url, credential: .sharedKey(key), profile: .batch, options: .init(),
///                                apiVersion: "2025-06-01")
/// let response = try await client.execute(try client.request(.get, path: ["pools", "p1"]), operation: "Pools_Get")
/// ```
public struct ServiceClient: Sendable {
    public let endpoint: URL
    public let credential: ServiceCredential
    public let options: ServiceClientOptions
    public let pipeline: Pipeline
    /// The REST API version sent where ``ServiceProfile/apiVersion`` says; `nil` sends none (ARM clients put a
    /// per-resource version in each URL themselves).
    public let apiVersion: String?

    /// - Parameter now: the clock ``DatePolicy`` stamps requests with (tests pin it).
    /// - Throws: ``AzureClientError`` for a URL without scheme or host, or plain `http://` to a host that is not
    ///   loopback (unless ``ServiceClientOptions/allowsInsecureHTTP``).
    public init(
        endpoint: URL, credential: ServiceCredential, profile: ServiceProfile, options: ServiceClientOptions,
        apiVersion: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try EndpointValidation.validate(endpoint, allowsInsecureHTTP: options.allowsInsecureHTTP)
        self.endpoint = endpoint
        self.credential = credential
        self.options = options
        self.apiVersion = apiVersion
        self.pipeline = Pipeline(profile: profile, credential: credential, options: options, now: now)
    }

    /// A request for `path` under the endpoint (see ``url(path:query:)``), with the profile's conventions (see
    /// ``request(_:url:headers:body:)``).
    public func request(
        _ method: HTTPMethod, path segments: [String], query: [(String, String)] = [], headers: HTTPHeaders = [:],
        body: HTTPBody = .empty
    ) throws -> HTTPRequest {
        request(method, url: try url(path: segments, query: query), headers: headers, body: body)
    }

    /// A request for an absolute `url` (a next page, an upload location) with the profile's conventions: the
    /// default `Accept` when `headers` names none, and the API version when the profile takes it as a header (a
    /// query-parameter version is part of URLs built by ``url(path:query:)``, and a URL the service handed back
    /// already carries it).
    public func request(_ method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: HTTPBody = .empty)
        -> HTTPRequest
    {
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        let profile = pipeline.profile
        if request.headers["Accept"] == nil, let accept = profile.defaultAccept { request.headers["Accept"] = accept }
        if case .header(let name) = profile.apiVersion, let apiVersion { request.headers[name] = apiVersion }
        return request
    }

    /// Sends `request`; a status outside `accepting` becomes an ``AzureServiceError`` decoded with the
    /// service's error format.
    ///
    /// The request runs as the public operation `spanName` (``AzureOperation``: a tracing span with a child per
    /// HTTP attempt) unless it is part of an operation already running; `spanName` defaults to `operation`.
    /// `values` reach every policy (``PipelineContext/values``): what a policy needs to know about this request
    /// that its URL and headers do not say.
    public func execute(
        _ request: HTTPRequest, operation: String, accepting: (Int) -> Bool = { (200..<300).contains($0) },
        logger: Logger = .azureDisabled, spanName: String? = nil, values: RequestValues = .init()
    ) async throws -> HTTPResponse {
        try await AzureOperation.run(spanName ?? operation, namespace: pipeline.profile.azureNamespace) {
            let response = try await pipeline.send(request, operation: operation, logger: logger, values: values)
            guard accepting(response.status) else {
                // An unexpected 2xx may still be streaming; the error decoder reads a collected body.
                throw pipeline.profile.errors.decode(
                    try await response.collected(), operation: operation, clientRequestID: response.clientRequestID)
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
    /// inside a segment, as in a file path, becomes `%2F`), then the API version first when the profile takes it
    /// as a query parameter, then `query`, with `$` kept in names (`$filter`).
    ///
    /// ```swift
    /// let url = try batch.url(path: ["jobs", "job 1", "tasks"], query: [("$select", "id")])
    /// // https://…/jobs/job%201/tasks?api-version=2025-06-01&$select=id
    /// ```
    public func url(path segments: [String], query: [(String, String)] = []) throws -> URL {
        var items = query
        if case .query(let name) = pipeline.profile.apiVersion, let apiVersion {
            items.insert((name, apiVersion), at: 0)
        }
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for segment in segments { text += "/" + PercentEncoding.encode(segment, safe: "") }
        if !items.isEmpty { text += "?" + PercentEncoding.query(items, safeInNames: "$") }
        guard let url = URL(string: text) else {
            throw AzureClientError.invalidURL(text, reason: "cannot build a request URL")
        }
        return url
    }

    /// The logger an operation uses when the call passes `logger` (see ``AzureLogging``).
    public func resolvedLogger(_ logger: Logger) -> Logger { pipeline.resolvedLogger(logger) }
}
