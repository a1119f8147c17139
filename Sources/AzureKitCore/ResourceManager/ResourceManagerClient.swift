import Foundation
import Logging

/// The Azure Resource Manager runtime that management clients share: Entra ID bearer tokens for
/// `https://management.azure.com/.default`, `api-version` on every request, ARM's error shape with its request and
/// correlation ids, throttling (429 with `Retry-After`) through the retry policy, paging by `nextLink` and
/// long-running operations (see ``waitForCompletion(of:resourceURL:finalState:operation:logger:)``).
///
/// Immutable; every URL it sends credentials to (next pages, operation monitors) must be on ``endpoint``.
///
/// ```swift
/// let arm = try ResourceManagerClient(credential: DefaultAzureCredential())
/// let url = try arm.url(path: identityID.rawValue, apiVersion: "2023-01-31")
/// let response = try await arm.send(.get, url: url, operation: "UserAssignedIdentities_Get")
/// ```
public struct ResourceManagerClient: Sendable {
    /// Public Azure; sovereign clouds have their own (`https://management.usgovcloudapi.net`, …).
    public static let publicCloud = URL(string: "https://management.azure.com")!

    public let endpoint: URL
    /// How operation monitors are polled: ARM's `Retry-After` wins, else this backoff; gives up after its timeout.
    public let poller: Poller
    let service: ServiceClient

    /// - Parameter credential: `.token(…)`; `.anonymous` only for tests against fixtures.
    /// - Throws: ``AzureClientError`` for an endpoint without host or plain `http://` off loopback.
    public init(
        endpoint: URL = ResourceManagerClient.publicCloud, credential: ServiceCredential,
        options: ServiceClientOptions = .init(), poller: Poller = .resourceManager
    ) throws {
        var options = options
        // ARM's ids and operation URLs carry no secrets and are what a support case needs.
        options.redaction = options.redaction.allowing(headers: Self.diagnosticHeaders)
        self.endpoint = endpoint
        self.poller = poller
        self.service = try ServiceClient(
            endpoint: endpoint, credential: credential, profile: .resourceManager, options: options)
    }

    /// A client that authenticates with Microsoft Entra ID.
    public init(
        endpoint: URL = ResourceManagerClient.publicCloud, credential: any TokenCredential,
        options: ServiceClientOptions = .init(), poller: Poller = .resourceManager
    ) throws {
        try self.init(endpoint: endpoint, credential: .token(credential), options: options, poller: poller)
    }

    static let diagnosticHeaders: Set<String> = [
        "x-ms-correlation-request-id", "x-ms-routing-request-id", "azure-asyncoperation", "location",
        "x-ms-ratelimit-remaining-subscription-reads", "x-ms-ratelimit-remaining-subscription-writes",
    ]

    /// `endpoint` + `path` (a resource id or any ARM path; each segment percent-encoded) + `api-version` + `query`.
    public func url(path: String, apiVersion: String, query: [(String, String)] = []) throws -> URL {
        try service.url(path: path.split(separator: "/").map(String.init), query: [("api-version", apiVersion)] + query)
    }

    /// Sends one request; a status outside `accepting` throws ``AzureServiceError`` with ARM's code, message,
    /// `target`, nested details, `x-ms-request-id` and (in ``AzureServiceError/details``) `correlationRequestID`.
    public func send(
        _ method: HTTPMethod, url: URL, body: Data? = nil, headers extra: HTTPHeaders = [:], operation: String,
        accepting: @escaping @Sendable (Int) -> Bool = { (200..<300).contains($0) }, logger: Logger = .azureDisabled,
        spanName: String? = nil
    ) async throws -> HTTPResponse {
        try validate(url, purpose: operation)
        var headers: HTTPHeaders = [:]
        if body != nil { headers["Content-Type"] = "application/json" }
        for field in extra { headers[field.name] = field.value }
        let request = service.request(method, url: url, headers: headers, body: body.map { .data($0) } ?? .empty)
        let response = try await service.execute(
            request, operation: operation, accepting: { _ in true }, logger: logger, spanName: spanName)
        guard accepting(response.status) else {
            throw Self.error(from: response, operation: operation, clientRequestID: response.clientRequestID)
        }
        return response
    }

    /// Runs `body` as the public operation `name` (`<Client>.<method>`, e.g. `BatchManagementClient.createPoolIfAbsent`):
    /// one span over all its requests, long-running-operation polls included.
    public func operation<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        try await service.operation(name, body)
    }

    /// The service error for a failed response, with the correlation id ARM support asks for.
    static func error(from response: HTTPResponse, operation: String, clientRequestID: String?) -> AzureServiceError {
        let decoded = ServiceErrorDecoder.resourceManagerJSON.decode(
            response, operation: operation, clientRequestID: clientRequestID)
        var details = decoded.details
        if let correlation = response.headers["x-ms-correlation-request-id"] {
            details["correlationRequestID"] = correlation
        }
        return AzureServiceError(
            status: decoded.status, code: decoded.code, message: decoded.message, requestID: decoded.requestID,
            clientRequestID: decoded.clientRequestID, details: details, headers: decoded.headers,
            rawBody: decoded.rawBody,
            operation: operation)
    }

    /// Decodes a response body, naming the operation and the problem when it does not fit.
    public static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, operation: String) throws -> T
    {
        do { return try JSONDecoder().decode(type, from: response.body) } catch {
            throw AzureClientError.unexpectedResponse(
                operation, "cannot decode \(T.self) from the response body (\(response.body.count) bytes): \(error)")
        }
    }

    /// A listing that follows `nextLink` (only on this endpoint) until it is absent.
    public func list<Item: Decodable & Sendable>(
        path: String, apiVersion: String, query: [(String, String)] = [], operation: String,
        logger: Logger = .azureDisabled
    ) -> PagedSequence<Item> {
        let client = self
        return PagedSequence { next in
            let url =
                try next.map { try client.monitorURL($0, purpose: operation) }
                ?? client.url(path: path, apiVersion: apiVersion, query: query)
            let response = try await client.send(.get, url: url, operation: operation, logger: logger)
            let page = try Self.decode(ResourceList<Item>.self, from: response, operation: operation)
            return Page(items: page.value, continuationToken: page.nextLink)
        }
    }

    struct ResourceList<Item: Decodable>: Decodable {
        var value: [Item]
        var nextLink: String?
    }

    /// A URL the service handed back (next page, operation monitor), refused unless it is on ``endpoint``:
    /// the bearer token is never sent anywhere else.
    func monitorURL(_ text: String, purpose: String) throws -> URL {
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw AzureClientError.unexpectedResponse(
                purpose, "the service returned '\(text)', which is not an absolute URL")
        }
        try validate(url, purpose: purpose)
        return url
    }

    func validate(_ url: URL, purpose: String) throws {
        guard url.host?.lowercased() == endpoint.host?.lowercased(),
            url.scheme?.lowercased() == endpoint.scheme?.lowercased(),
            url.port == endpoint.port
        else {
            throw AzureClientError.unexpectedResponse(
                purpose,
                "refusing to send the management token to '\(url.scheme ?? "")://\(url.host ?? "")', which is not \(endpoint.host ?? "the management endpoint")"
            )
        }
    }
}

extension Poller {
    /// ARM operation monitors: 2 s to 60 s between polls (or what `Retry-After` says), give up after an hour.
    public static let resourceManager = Poller(
        minInterval: .seconds(2), maxInterval: .seconds(60), timeout: .seconds(3600))
}
