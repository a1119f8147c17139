import AzureKitCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The Batch management plane (Azure Resource Manager) for pools: the only way to create a pool whose nodes use a
/// user-assigned managed identity to pull images and reach Storage, so that no key, SAS or password is needed.
///
/// Pools are described once, with the same ``PoolSpecification`` DSL the data-plane ``BatchClient`` takes; this
/// client sends its management-plane form (``ManagementPool``) to
/// `PUT /subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Batch/batchAccounts/{account}/pools/{pool}`.
/// Authentication is Entra ID only (scope `https://management.azure.com/.default`); the caller needs a role such
/// as Contributor on the account (and Managed Identity Operator on the identity).
///
/// ```swift
/// let account = try BatchAccountReference(subscriptionID: sub, resourceGroup: "rg-batch", accountName: "jobs")
/// let management = try BatchManagementClient(account: account, credential: DefaultAzureCredential())
/// let pool = PoolSpecification(id: "airlines", vmSize: .standardE2sV3) {
///     Containers(images: [image], registries: [.managedIdentity("myregistry.azurecr.io", resourceID: identityID)])
///     AutoScale(.scaleToZeroWhenIdle(afterMinutes: 10, maxNodes: 8))
/// }
/// let created = try await management.createPoolIfAbsent(pool)      // If-None-Match: *; 412 means it exists
/// let clientID = try await management.pool("airlines").identity?.clientID(of: identityID)
/// ```
public struct BatchManagementClient: Sendable {
    public let account: BatchAccountReference
    public let options: BatchManagementClientOptions
    /// The ARM runtime underneath (also used for identity and role-assignment checks).
    public let resourceManager: ResourceManagerClient

    /// - Parameter credential: `.token(…)`; `.anonymous` only for tests against fixtures.
    public init(
        account: BatchAccountReference, credential: ServiceCredential, options: BatchManagementClientOptions = .init()
    ) throws {
        self.account = account
        self.options = options
        self.resourceManager = try ResourceManagerClient(
            endpoint: options.endpoint, credential: credential, options: options.core,
            poller: options.poller)
    }

    /// A client that authenticates with Microsoft Entra ID.
    public init(
        account: BatchAccountReference, credential: any TokenCredential, options: BatchManagementClientOptions = .init()
    ) throws {
        try self.init(account: account, credential: .token(credential), options: options)
    }

    /// The request a create would send: method, ARM path and JSON body (what `SubmitYears --dry-run` prints).
    public func createRequest(for pool: PoolSpecification, ifAbsent: Bool = true) throws -> (
        method: HTTPMethod, url: URL, headers: HTTPHeaders, body: Data
    ) {
        let body = try Self.encode(try ManagementPool(pool, account: account))
        let headers: HTTPHeaders = ifAbsent ? ["If-None-Match": "*"] : [:]
        return (.put, try poolURL(pool.id), headers, body)
    }

    /// Creates the pool, or replaces an existing one's settings (`PUT` without conditions).
    /// - Returns: the pool as the service stored it (with each identity's client id).
    @discardableResult
    public func createOrUpdatePool(
        _ pool: PoolSpecification, ifMatch eTag: String? = nil, logger: Logger = .azureDisabled
    ) async throws -> ManagementPool {
        try await traced("createOrUpdatePool") {
            var (method, url, headers, body) = try createRequest(for: pool, ifAbsent: false)
            if let eTag { headers["If-Match"] = eTag }
            let response = try await resourceManager.send(
                method, url: url, body: body, headers: headers, operation: "Pool_Create", logger: logger)
            return try await finishedPool(response, url: url, operation: "Pool_Create", logger: logger)
        }
    }

    /// Creates the pool unless one with that name exists (`If-None-Match: *`; the service answers 412 when it does).
    /// An existing pool is left exactly as it is, even if its settings differ.
    /// - Returns: `true` when this call created the pool.
    @discardableResult
    public func createPoolIfAbsent(_ pool: PoolSpecification, logger: Logger = .azureDisabled) async throws -> Bool {
        try await traced("createPoolIfAbsent") {
            let (method, url, headers, body) = try createRequest(for: pool, ifAbsent: true)
            let response = try await resourceManager.send(
                method, url: url, body: body, headers: headers, operation: "Pool_Create",
                accepting: { (200..<300).contains($0) || $0 == 412 }, logger: logger)
            if response.status == 412 { return false }
            _ = try await finishedPool(response, url: url, operation: "Pool_Create", logger: logger)
            return true
        }
    }

    /// Reads a pool, with its identities' client ids and its current state.
    /// - Throws: ``AzureKitCore/AzureServiceError`` (404 `ResourceNotFound`/`PoolNotFound`).
    public func pool(_ name: String, logger: Logger = .azureDisabled) async throws -> ManagementPool {
        try await traced("pool") {
            let response = try await resourceManager.send(
                .get, url: try poolURL(name), operation: "Pool_Get", logger: logger)
            return try Self.decodePool(response, operation: "Pool_Get")
        }
    }

    /// Whether a pool exists.
    public func poolExists(_ name: String, logger: Logger = .azureDisabled) async throws -> Bool {
        try await traced("poolExists") {
            let response = try await resourceManager.send(
                .get, url: try poolURL(name), operation: "Pool_Get",
                accepting: { (200..<300).contains($0) || $0 == 404 }, logger: logger)
            return response.status != 404
        }
    }

    /// Deletes a pool and, unless `wait` is false, follows the long-running operation until it is gone.
    /// - Returns: `false` when there was no such pool.
    @discardableResult
    public func deletePool(_ name: String, wait: Bool = true, logger: Logger = .azureDisabled) async throws -> Bool {
        try await traced("deletePool") {
            let url = try poolURL(name)
            let response = try await resourceManager.send(.delete, url: url, operation: "Pool_Delete", logger: logger)
            if response.status == 204 { return false }
            if wait {
                try await resourceManager.waitForCompletion(
                    of: response, resourceURL: url, finalState: .none, operation: "Pool_Delete", logger: logger)
            }
            return true
        }
    }

    /// The account's data-plane endpoint (`https://<account>.<region>.batch.azure.com`), for a ``BatchClient``.
    public func accountEndpoint(logger: Logger = .azureDisabled) async throws -> URL {
        try await traced("accountEndpoint") {
            let url = try resourceManager.url(path: account.resourceID, apiVersion: options.apiVersion.rawValue)
            let response = try await resourceManager.send(.get, url: url, operation: "BatchAccount_Get", logger: logger)
            struct Account: Decodable {
                struct Properties: Decodable { var accountEndpoint: String }
                var properties: Properties
            }
            let host = try ResourceManagerClient.decode(Account.self, from: response, operation: "BatchAccount_Get")
                .properties.accountEndpoint
            guard let endpoint = URL(string: host.hasPrefix("https://") ? host : "https://\(host)"),
                endpoint.host != nil
            else {
                throw AzureClientError.unexpectedResponse(
                    "BatchAccount_Get", "accountEndpoint '\(host)' is not a host name")
            }
            return endpoint
        }
    }

    /// Runs `body` as the public operation `BatchManagementClient.<name>`, as the data-plane clients name theirs.
    func traced<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        try await resourceManager.operation("BatchManagementClient.\(name)", body)
    }

    func poolURL(_ name: String) throws -> URL {
        try resourceManager.url(path: account.poolPath(name), apiVersion: options.apiVersion.rawValue)
    }

    /// The pool from a create answer: at once for 200/201 with a body, else after the long-running operation.
    func finishedPool(_ response: HTTPResponse, url: URL, operation: String, logger: Logger) async throws
        -> ManagementPool
    {
        if response.status == 200 || (response.status == 201 && !response.body.isEmpty) {
            return try Self.decodePool(response, operation: operation)
        }
        let final = try await resourceManager.waitForCompletion(
            of: response, resourceURL: url, finalState: .originalURI,
            operation: operation, logger: logger)
        return try Self.decodePool(final ?? response, operation: operation)
    }

    static func decodePool(_ response: HTTPResponse, operation: String) throws -> ManagementPool {
        var pool = try ResourceManagerClient.decode(ManagementPool.self, from: response, operation: operation)
        if pool.etag == nil { pool.etag = response.headers["ETag"] }
        return pool
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(value)
    }
}

/// A Batch management REST API version.
public struct BatchManagementAPIVersion: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The default: the current stable version, whose official examples the tests replay.
    public static let v2024_07_01: BatchManagementAPIVersion = "2024-07-01"
    public static let known: [BatchManagementAPIVersion] = [.v2024_07_01]
}

/// Options of a ``BatchManagementClient``.
public struct BatchManagementClientOptions: Sendable {
    public var apiVersion: BatchManagementAPIVersion
    /// `https://management.azure.com` unless a sovereign cloud (or a test) says otherwise.
    public var endpoint: URL
    /// Retry, logging, transport and timeouts (the shared runtime's options).
    public var core: ServiceClientOptions
    /// How long-running operations are polled (ARM's `Retry-After` wins).
    public var poller: Poller

    public init(
        apiVersion: BatchManagementAPIVersion = .v2024_07_01, endpoint: URL = ResourceManagerClient.publicCloud,
        core: ServiceClientOptions = .init(), poller: Poller = .resourceManager
    ) {
        self.apiVersion = apiVersion
        self.endpoint = endpoint
        self.core = core
        self.poller = poller
    }
}
