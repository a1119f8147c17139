import AzureKitCore
import Foundation
import Logging

/// One container: create, delete, properties and listing.
///
/// ```swift
/// let container = try BlobContainerClient(url: URL(string: "https://devacct.blob.core.windows.net/results")!,
///                                         credential: .token(credential))
/// try await container.createIfNotExists()
/// for try await entry in container.listBlobs(prefix: "aggregated/", delimiter: "/") { print(entry.name) }
/// ```
public struct BlobContainerClient: Sendable {
    let pipeline: BlobPipeline
    /// The container's address.
    public let url: BlobURL
    public let name: String

    init(pipeline: BlobPipeline, url: BlobURL) throws {
        guard let name = url.containerName else {
            throw AzureClientError(.invalidArgument, "'\(url)' is an account URL, not a container URL")
        }
        self.pipeline = pipeline
        self.url = url
        self.name = name
    }

    /// - Parameters:
    ///   - url: a container URL in any form ``BlobURL`` parses; a SAS in it is used when `credential` is `nil`.
    public init(url: URL, credential: ServiceCredential? = nil, options: BlobClientOptions = .init()) throws {
        let parsed = try BlobURL(parsing: url.absoluteString)
        try self.init(
            pipeline: BlobPipeline(
                endpoint: parsed.endpoint, credential: resolveCredential(credential, url: parsed),
                options: options), url: parsed)
    }

    /// A client for a blob in this container (no request is sent).
    public func blobClient(_ blobName: String) throws -> BlobClient {
        try BlobClient(
            pipeline: pipeline, url: BlobURL(endpoint: pipeline.endpoint, containerName: name, blobName: blobName))
    }

    // MARK: Operations

    /// Creates the container.
    /// - Returns: the new container's ETag.
    /// - Throws: ``AzureKitCore/AzureServiceError`` with `.containerAlreadyExists` (409) if it exists.
    @discardableResult
    public func create(
        metadata: [String: String] = [:], publicAccess: PublicAccessLevel? = nil,
        logger: Logger = .azureDisabled
    ) async throws -> String {
        var headers = HTTPHeaders()
        if let publicAccess { headers["x-ms-blob-public-access"] = publicAccess.rawValue }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { headers["x-ms-meta-\(key)"] = value }
        let response = try await pipeline.send(
            .put, container: name, query: [("restype", "container")], headers: headers,
            operation: "Container_Create", accepting: { $0 == 201 }, logger: logger,
            spanName: Self.spanName(#function))
        return response.headers["ETag"] ?? ""
    }

    /// Creates the container unless it exists.
    /// - Returns: `true` if this call created it, `false` if it already existed.
    @discardableResult
    public func createIfNotExists(
        metadata: [String: String] = [:], publicAccess: PublicAccessLevel? = nil,
        logger: Logger = .azureDisabled
    ) async throws -> Bool {
        try await pipeline.service.operation(Self.spanName(#function)) {
            do {
                try await create(metadata: metadata, publicAccess: publicAccess, logger: logger)
                return true
            } catch let error as AzureServiceError where error.status == 409 && error.code == .containerAlreadyExists {
                return false
            }
        }
    }

    /// `BlobContainerClient.<method>`, the span name of a public operation.
    static func spanName(_ function: String) -> String {
        AzureOperation.name(client: "BlobContainerClient", function: function)
    }

    /// Deletes the container (the service removes it in the background; re-creating it soon after gives 409
    /// `ContainerBeingDeleted` for a while).
    public func delete(conditions: BlobRequestConditions = .none, logger: Logger = .azureDisabled) async throws {
        var headers = HTTPHeaders()
        conditions.apply(to: &headers)
        _ = try await pipeline.send(
            .delete, container: name, query: [("restype", "container")], headers: headers,
            operation: "Container_Delete", accepting: { $0 == 202 }, logger: logger,
            spanName: Self.spanName(#function))
    }

    /// The container's properties and metadata.
    /// - Throws: ``AzureKitCore/AzureServiceError`` with `.containerNotFound` (404).
    public func properties(logger: Logger = .azureDisabled) async throws -> ContainerProperties {
        let response = try await pipeline.send(
            .head, container: name, query: [("restype", "container")],
            operation: "Container_GetProperties", logger: logger,
            spanName: Self.spanName(#function))
        return ContainerProperties(headers: response.headers)
    }

    /// Whether the container exists (a 404 is `false`; other failures throw).
    public func exists(logger: Logger = .azureDisabled) async throws -> Bool {
        try await succeedsUnlessNotFound { _ = try await properties(logger: logger) }
    }

    /// Lists blobs page by page (following `NextMarker`), as an async sequence of blobs and, with a
    /// `delimiter`, virtual-folder prefixes.
    ///
    /// - Parameters:
    ///   - prefix: only names starting with this.
    ///   - delimiter: usually `/`: names containing it after the prefix are rolled up into `.prefix` entries.
    ///   - include: extra datasets (metadata, snapshots, …).
    ///   - maxResults: page size (the service caps it at 5000).
    ///   - startingAt: a `NextMarker` from an earlier listing, to resume.
    public func listBlobs(
        prefix: String? = nil, delimiter: String? = nil, include: [ListBlobsInclude] = [], maxResults: Int? = nil,
        startingAt marker: String? = nil, logger: Logger = .azureDisabled
    ) -> PagedSequence<BlobListEntry> {
        let pipeline = pipeline
        let name = name
        return PagedSequence(startingAt: marker) { marker in
            var query: [(String, String)] = [("restype", "container"), ("comp", "list")]
            if let prefix { query.append(("prefix", prefix)) }
            if let delimiter { query.append(("delimiter", delimiter)) }
            if !include.isEmpty { query.append(("include", include.map(\.rawValue).joined(separator: ","))) }
            if let maxResults { query.append(("maxresults", String(maxResults))) }
            if let marker { query.append(("marker", marker)) }
            let response = try await pipeline.send(
                .get, container: name, query: query, operation: "Container_ListBlobs",
                logger: logger, spanName: Self.spanName(#function))
            return try ListBlobsXML.parse(response.body)
        }
    }
}
