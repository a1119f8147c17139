import AzureKitCore
import Foundation
import Logging

/// What every Blob client shares: the runtime's ``AzureKitCore/ServiceClient`` for one account, the endpoint
/// and the Blob options. Requests are built by the ``AzureKitCore/ServiceClient`` (which adds `x-ms-version` and
/// the XML `Accept` from ``AzureKitCore/ServiceProfile/storageBlob``) on URLs from ``BlobEndpoint``, whose paths keep
/// the `/` of virtual directories.
struct BlobPipeline: Sendable {
    let service: ServiceClient
    let endpoint: BlobEndpoint
    let options: BlobClientOptions

    init(endpoint: BlobEndpoint, credential: ServiceCredential, options: BlobClientOptions) throws {
        self.service = try ServiceClient(
            endpoint: endpoint.serviceURL, credential: credential, profile: .storageBlob,
            options: options.core, apiVersion: options.apiVersion.rawValue)
        self.endpoint = endpoint
        self.options = options
    }

    var credential: ServiceCredential { service.credential }

    /// Builds and sends one request; statuses outside `accepting` throw ``AzureKitCore/AzureServiceError``.
    func send(
        _ method: HTTPMethod, container: String?, blob: String? = nil, query: [(String, String)] = [],
        headers: HTTPHeaders = [:], body: HTTPBody = .empty, operation: String, streamsResponse: Bool = false,
        accepting: @escaping (Int) -> Bool = { (200..<300).contains($0) }, logger: Logger, spanName: String? = nil
    ) async throws -> HTTPResponse {
        var request = service.request(
            method, url: try endpoint.url(container: container, blob: blob, query: query), headers: headers, body: body)
        request.streamsResponse = streamsResponse
        return try await service.execute(
            request, operation: operation, accepting: accepting, logger: logger, spanName: spanName)
    }
}

/// Resolves the credential for a URL-based initializer: an explicit one wins, else a SAS in the URL, else none.
func resolveCredential(_ credential: ServiceCredential?, url: BlobURL) -> ServiceCredential {
    if let credential { return credential }
    if let sas = url.sasToken { return .sas(sas) }
    return .anonymous
}

/// Runs `operation`, mapping a 404 to `false` (the resource is absent) and success to `true`; other failures throw.
func succeedsUnlessNotFound(_ operation: () async throws -> Void) async throws -> Bool {
    do {
        try await operation()
        return true
    } catch let error as AzureServiceError where error.status == 404 {
        return false
    }
}
