import AzureKitCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A client for the Azure Batch data plane: pools, jobs, tasks, files and nodes, with bulk task submission
/// (``addTasks(_:toJob:options:progress:logger:)``) and progress monitoring (``taskProgress(job:every:logger:)``).
///
/// An immutable value; copies share the transport. Every operation takes an optional `logger` last.
///
/// ```swift
/// let batch = try BatchClient(endpoint: URL(string: "https://devacct.westeurope.batch.azure.com")!,
///                             credential: .sharedKey(try SharedKeyCredential(accountName: "devacct", accountKey: key)))
/// try await batch.createPoolIfAbsent(pool)
/// try await batch.createJob(JobSpecification(id: "job-1", poolInfo: .init(poolId: pool.id)))
/// let report = try await batch.addTasks(tasks, toJob: "job-1")
/// let outcome = try await batch.waitForTasks(job: "job-1", timeout: .seconds(7200))
/// ```
public struct BatchClient: Sendable {
    public let endpoint: URL
    public let options: BatchClientOptions
    let service: ServiceClient

    /// - Parameters:
    ///   - endpoint: the account URL, `https://{account}.{region}.batch.azure.com`.
    ///   - credential: `.sharedKey(…)`, `.token(…)` (Microsoft Entra ID), or `.anonymous` for tests.
    /// - Throws: ``AzureClientError`` for an endpoint without scheme or host, or plain `http://` off loopback.
    public init(endpoint: URL, credential: ServiceCredential, options: BatchClientOptions = .init()) throws {
        self.endpoint = endpoint
        self.options = options
        self.service = try ServiceClient(
            endpoint: endpoint, credential: credential, profile: .batch, options: options.core,
            apiVersion: options.apiVersion.rawValue)
    }

    /// A client that signs with the account's Shared Key.
    public init(endpoint: URL, credential: SharedKeyCredential, options: BatchClientOptions = .init()) throws {
        try self.init(endpoint: endpoint, credential: .sharedKey(credential), options: options)
    }

    /// A client that authenticates with Microsoft Entra ID tokens.
    public init(endpoint: URL, credential: any TokenCredential, options: BatchClientOptions = .init()) throws {
        try self.init(endpoint: endpoint, credential: .token(credential), options: options)
    }

    static let jsonContentType = "application/json; odata=minimalmetadata"

    // MARK: Request building

    /// The URL of `segments` under the endpoint, each segment percent-encoded (so `/` in a file path becomes
    /// `%2F`), with `api-version` and `query`.
    func url(_ segments: [String], query: [(String, String)] = []) throws -> URL {
        try service.url(path: segments, query: query)
    }

    /// Sends one request; a status outside `accepting` throws ``AzureServiceError``. It is traced as the public
    /// method that called it (`function`, e.g. `BatchClient.getPool`) unless that runs inside another operation.
    /// `idempotent` marks a `POST` that may be sent again after a dropped connection (see
    /// ``HTTPRequest/isMarkedIdempotent``).
    func send(
        _ method: HTTPMethod, _ segments: [String], query: [(String, String)] = [], body: Data? = nil,
        headers extra: HTTPHeaders = [:], conditions: BatchRequestConditions = .none, operation: String,
        idempotent: Bool = false, accepting: @escaping (Int) -> Bool = { (200..<300).contains($0) }, logger: Logger,
        function: String = #function
    ) async throws -> HTTPResponse {
        try await send(
            method, url: try url(segments, query: query), body: body, headers: extra, conditions: conditions,
            operation: operation, idempotent: idempotent, accepting: accepting, logger: logger, function: function)
    }

    func send(
        _ method: HTTPMethod, url: URL, body: Data? = nil, headers extra: HTTPHeaders = [:],
        conditions: BatchRequestConditions = .none, operation: String, idempotent: Bool = false,
        accepting: @escaping (Int) -> Bool = { (200..<300).contains($0) }, logger: Logger, function: String = #function
    ) async throws -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        if body != nil { headers["Content-Type"] = Self.jsonContentType }
        for field in extra { headers[field.name] = field.value }
        conditions.apply(to: &headers)
        var request = service.request(method, url: url, headers: headers, body: body.map { .data($0) } ?? .empty)
        request.isMarkedIdempotent = idempotent
        return try await service.execute(
            request, operation: operation, accepting: accepting, logger: logger,
            spanName: AzureOperation.name(client: "BatchClient", function: function))
    }

    /// Runs `body` as the public operation `BatchClient.<name>` (one span for all its requests).
    func operation<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        try await service.operation("BatchClient.\(name)", body)
    }

    /// The logger this client's operations use when the call passes `logger`.
    func resolvedLogger(_ logger: Logger) -> Logger { service.resolvedLogger(logger) }

    /// Encodes a request body.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes a response body, naming the operation and the problem when it does not fit.
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, operation: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw AzureClientError.unexpectedResponse(
                operation, "cannot decode \(T.self) from the response body (\(response.body.count) bytes): \(error)")
        }
    }

    /// A listing that follows `odata.nextLink` until it is absent.
    func list<Item: Codable & Sendable>(
        _ segments: [String], query: [(String, String)] = [], operation: String, startingAt token: String? = nil,
        logger: Logger, function: String = #function
    ) -> PagedSequence<Item> {
        let client = self
        return PagedSequence(startingAt: token) { next in
            let url: URL
            if let next {
                url = try client.validatedNextLink(next)
            } else {
                url = try client.url(segments, query: query)
            }
            let response = try await client.send(
                .get, url: url, operation: operation, logger: logger, function: function)
            let page = try Self.decode(ListResponse<Item>.self, from: response, operation: operation)
            return Page(items: page.value, continuationToken: page.nextLink)
        }
    }

    /// The next-page URL, only if it points at this account: credentials are never sent elsewhere.
    func validatedNextLink(_ link: String) throws -> URL {
        guard let url = URL(string: link), url.scheme != nil else {
            throw AzureClientError.unexpectedResponse("list", "odata.nextLink is not an absolute URL")
        }
        guard url.host?.lowercased() == endpoint.host?.lowercased(),
            url.scheme?.lowercased() == endpoint.scheme?.lowercased(),
            url.port == endpoint.port
        else {
            throw AzureClientError.unexpectedResponse(
                "list",
                "odata.nextLink points at '\(url.host ?? "")', not at the account endpoint '\(endpoint.host ?? "")'")
        }
        return url
    }
}
