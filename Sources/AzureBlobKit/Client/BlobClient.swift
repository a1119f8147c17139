import AzureKitCore
import Foundation
import Logging

/// One blob: properties, metadata, delete, and the transfers in `BlobClient+Upload` / `BlobClient+Download`.
///
/// ```swift
/// // A wasbs:// address from a Spark job, with an Entra ID credential:
/// let input = try BlobClient(url: "wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2",
///                            credential: .token(credential))
/// // A URL that carries its own SAS needs no credential:
/// let output = try BlobClient(url: taskOutputURLWithSAS)
/// ```
public struct BlobClient: Sendable {
    let pipeline: BlobPipeline
    /// The blob's address (without any SAS).
    public let url: BlobURL
    public let containerName: String
    public let blobName: String

    init(pipeline: BlobPipeline, url: BlobURL) throws {
        guard let container = url.containerName, let blob = url.blobName else {
            throw AzureClientError(.invalidArgument, "'\(url)' does not name a blob (expected …/<container>/<blob>)")
        }
        self.pipeline = pipeline
        self.url = url
        self.containerName = container
        self.blobName = blob
    }

    /// - Parameters:
    ///   - url: any form ``BlobURL`` parses (`https://`, `wasbs://`, `abfss://`, Azurite path-style).
    ///   - credential: `nil` uses a SAS found in the URL, else anonymous access.
    public init(url: String, credential: ServiceCredential? = nil, options: BlobClientOptions = .init()) throws {
        let parsed = try BlobURL(parsing: url)
        try self.init(
            pipeline: BlobPipeline(
                endpoint: parsed.endpoint, credential: resolveCredential(credential, url: parsed),
                options: options), url: parsed)
    }

    /// Like ``init(url:credential:options:)-(String,_,_)`` for a `URL`.
    public init(url: URL, credential: ServiceCredential? = nil, options: BlobClientOptions = .init()) throws {
        try self.init(url: url.absoluteString, credential: credential, options: options)
    }

    /// A client for the blob's container.
    public var containerClient: BlobContainerClient {
        get throws {
            try BlobContainerClient(
                pipeline: pipeline, url: BlobURL(endpoint: url.endpoint, containerName: containerName))
        }
    }

    func send(
        _ method: HTTPMethod, query: [(String, String)] = [], headers: HTTPHeaders = [:], body: HTTPBody = .empty,
        operation: String, streamsResponse: Bool = false,
        accepting: @escaping (Int) -> Bool = { (200..<300).contains($0) },
        logger: Logger, function: String = #function
    ) async throws -> HTTPResponse {
        try await pipeline.send(
            method, container: containerName, blob: blobName, query: query, headers: headers, body: body,
            operation: operation, streamsResponse: streamsResponse, accepting: accepting, logger: logger,
            spanName: AzureOperation.name(client: "BlobClient", function: function))
    }

    /// Runs `body` as the public operation `BlobClient.<name>`: one span over all its requests.
    func operation<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        try await pipeline.service.operation("BlobClient.\(name)", body)
    }

    // MARK: Properties, metadata, delete

    /// Get Blob Properties (HEAD).
    /// - Throws: ``AzureKitCore/AzureServiceError`` with `.blobNotFound` (from `x-ms-error-code`: HEAD has no body).
    public func properties(conditions: BlobRequestConditions = .none, logger: Logger = .azureDisabled) async throws
        -> BlobProperties
    {
        var headers = HTTPHeaders()
        conditions.apply(to: &headers)
        let response = try await send(.head, headers: headers, operation: "Blob_GetProperties", logger: logger)
        return BlobProperties(headers: response.headers)
    }

    /// Whether the blob exists: a 404 is `false`, any other failure throws.
    public func exists(logger: Logger = .azureDisabled) async throws -> Bool {
        try await succeedsUnlessNotFound { _ = try await properties(logger: logger) }
    }

    /// Replaces the blob's metadata (all `x-ms-meta-*` values).
    @discardableResult
    public func setMetadata(
        _ metadata: [String: String], conditions: BlobRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws -> String {
        var headers = HTTPHeaders()
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { headers["x-ms-meta-\(key)"] = value }
        conditions.apply(to: &headers)
        let response = try await send(
            .put, query: [("comp", "metadata")], headers: headers, operation: "Blob_SetMetadata",
            logger: logger)
        return response.headers["ETag"] ?? ""
    }

    /// Deletes the blob; `snapshots: .include` also deletes its snapshots (required when it has any).
    public func delete(
        snapshots: DeleteSnapshotsOption? = nil, conditions: BlobRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        var headers = HTTPHeaders()
        if let snapshots { headers["x-ms-delete-snapshots"] = snapshots.rawValue }
        conditions.apply(to: &headers)
        _ = try await send(
            .delete, headers: headers, operation: "Blob_Delete", accepting: { $0 == 202 }, logger: logger)
    }

    /// Deletes the blob if it exists.
    /// - Returns: `false` when there was nothing to delete.
    @discardableResult
    public func deleteIfExists(snapshots: DeleteSnapshotsOption? = nil, logger: Logger = .azureDisabled) async throws
        -> Bool
    {
        try await succeedsUnlessNotFound { try await delete(snapshots: snapshots, logger: logger) }
    }
}
