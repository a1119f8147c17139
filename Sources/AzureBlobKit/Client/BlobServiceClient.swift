import AzureKitCore
import Foundation
import Logging

/// A Storage account's Blob service: the entry point for containers and user delegation keys.
///
/// ```swift
/// let service = try BlobServiceClient(endpoint: URL(string: "https://devacct.blob.core.windows.net")!,
///                                     credential: .token(try DefaultAzureCredential()))
/// let results = try service.containerClient("results")
/// try await results.createIfNotExists()
/// ```
public struct BlobServiceClient: Sendable {
    let pipeline: BlobPipeline

    /// The account endpoint.
    public var endpoint: BlobEndpoint { pipeline.endpoint }
    public var accountName: String { pipeline.endpoint.accountName }

    /// - Parameters:
    ///   - endpoint: the account URL (`https://<account>.blob.core.windows.net`, or
    ///     `http://127.0.0.1:10000/devstoreaccount1` for Azurite).
    ///   - credential: Shared Key, SAS, an Entra ID token credential, or `.anonymous`.
    /// - Throws: ``AzureKitCore/AzureClientError`` for an unusable URL (plain `http` to a non-loopback host, …).
    public init(endpoint: URL, credential: ServiceCredential, options: BlobClientOptions = .init()) throws {
        let parsed = try BlobURL(parsing: endpoint.absoluteString)
        pipeline = try BlobPipeline(endpoint: parsed.endpoint, credential: credential, options: options)
    }

    /// From an explicit endpoint, e.g. an emulator on a host name that is not loopback (path-style must then be
    /// stated: `BlobEndpoint(scheme: "http", host: "azurite", port: 10000, accountName: "devstoreaccount1",
    /// pathStyle: true)`, with ``AzureKitCore/ServiceClientOptions/allowsInsecureHTTP`` for plain http).
    public init(endpoint: BlobEndpoint, credential: ServiceCredential, options: BlobClientOptions = .init()) throws {
        pipeline = try BlobPipeline(endpoint: endpoint, credential: credential, options: options)
    }

    /// From a Storage connection string (account key, SAS, or `UseDevelopmentStorage=true`), parsed by
    /// ``ConnectionString``.
    public init(connectionString: String, options: BlobClientOptions = .init()) throws {
        let connection = try ConnectionString(connectionString)
        var endpoint = try BlobURL(parsing: connection.blobEndpoint.absoluteString).endpoint
        if let account = connection.accountName, !endpoint.isPathStyle, account != endpoint.accountName {
            // A custom domain: sign as the named account, not the host's first label.
            endpoint = try BlobEndpoint(
                scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port, accountName: account,
                pathStyle: false)
        }
        pipeline = try BlobPipeline(endpoint: endpoint, credential: connection.credential, options: options)
    }

    init(pipeline: BlobPipeline) { self.pipeline = pipeline }

    /// A client for one container (no request is sent).
    /// - Throws: ``AzureKitCore/AzureClientError`` for an invalid container name.
    public func containerClient(_ name: String) throws -> BlobContainerClient {
        try BlobContainerClient(pipeline: pipeline, url: BlobURL(endpoint: pipeline.endpoint, containerName: name))
    }

    /// A client for one blob (no request is sent).
    public func blobClient(container: String, blob: String) throws -> BlobClient {
        try BlobClient(
            pipeline: pipeline, url: BlobURL(endpoint: pipeline.endpoint, containerName: container, blobName: blob))
    }
}
