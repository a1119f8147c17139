import AzureKitCore
import Foundation
import Logging

extension ContainerRegistryClient {
    /// Sends one registry API request through the client's ``AzureKitCore/ServiceClient``, naming the scopes it
    /// needs; the pipeline's ``RegistryChallengePolicy`` authenticates it (a cached token up front, or the
    /// registry's 401 challenge answered and the request sent again) and retries 408/429/5xx and transport failures.
    ///
    /// The request is traced as the public method that sent it (`function`, e.g. `ContainerRegistryClient.blob`)
    /// unless that runs inside another operation (`pushBlob`).
    ///
    /// - Returns: the final response whatever its status; a 401 that cannot be answered is returned as is.
    func send(
        _ request: HTTPRequest, scopes: [RegistryScope], operation: String, logger: Logger,
        function: String = #function
    ) async throws -> HTTPResponse {
        var values = RequestValues()
        values[RegistryChallengePolicy.Scopes.self] = scopes
        return try await service.execute(
            request, operation: operation, accepting: { _ in true }, logger: logger,
            spanName: AzureOperation.name(client: "ContainerRegistryClient", function: function), values: values)
    }

    /// A request for `<endpoint>/v2/<repository>/<suffix>` with the registry profile's conventions
    /// (``AzureKitCore/ServiceClient/request(_:url:headers:body:)``); the repository's `/` stay literal, as Docker
    /// clients send them.
    func apiRequest(
        _ method: HTTPMethod, _ repository: String, _ suffix: String, headers: HTTPHeaders = [:],
        body: HTTPBody = .empty
    ) throws -> HTTPRequest {
        let text = "\(endpoint.absoluteString)/v2/\(repository)/\(suffix)"
        guard let url = URL(string: text) else {
            throw AzureClientError.invalidURL(text, reason: "cannot build the registry API URL")
        }
        return service.request(method, url: url, headers: headers, body: body)
    }

    /// The typed service error for a refused request.
    func serviceError(_ response: HTTPResponse, operation: String) -> AzureServiceError {
        service.pipeline.profile.errors.decode(
            response, operation: operation,
            clientRequestID: response.clientRequestID
                ?? response.headers[service.pipeline.profile.clientRequestIDHeader])
    }
}
