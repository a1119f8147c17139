import AzureKitCore
import Foundation
import Logging

extension ContainerRegistryClient {
    /// Sends one registry API request with this client's credential: a cached token up front once the host's
    /// realm is known, else unauthenticated to learn the challenge; a 401 with a challenge is answered once and
    /// the request sent again (its body is replayable `Data`). That second chance is also what recovers a token
    /// that expires between two chunks of an upload: the registry's `invalid_token` 401 drops the cached token.
    ///
    /// Retries for 408/429/5xx and transport failures happen inside the pipeline, per request.
    ///
    /// - Returns: the final response whatever its status; a 401 that cannot be answered is returned as is.
    func send(_ request: HTTPRequest, scopes: [RegistryScope], operation: String, logger: Logger) async throws
        -> HTTPResponse
    {
        try await exchange(request, scopes: scopes, operation: operation, logger: logger).response
    }

    /// A response, and the challenge this client's credential could not answer when the registry's 401 stands
    /// unanswered (a Basic challenge to an Entra identity, say).
    struct Exchange {
        var response: HTTPResponse
        var unansweredChallenge: RegistryChallenge?
    }

    /// ``send(_:scopes:operation:logger:)``, telling "could not answer the challenge" apart from "answered, and
    /// refused again".
    func exchange(_ request: HTTPRequest, scopes: [RegistryScope], operation: String, logger: Logger) async throws
        -> Exchange
    {
        var request = request
        let host = endpoint.host ?? loginServer
        let preemptive = try await authenticator.preemptiveAuthorization(host: host, scopes: scopes, logger: logger)
        request.headers["Authorization"] = preemptive
        let response = try await pipeline.send(request, operation: operation, logger: logger)
        guard response.status == 401,
            let challenge = RegistryChallenge.first(in: response.headers.values(for: "WWW-Authenticate"))
        else {
            return Exchange(response: response)
        }
        guard
            let header = try await authenticator.authorization(
                answering: challenge, host: host, scopes: scopes, rejected: preemptive, logger: logger)
        else {
            return Exchange(response: response, unansweredChallenge: challenge)
        }
        request.headers["Authorization"] = header
        return Exchange(response: try await pipeline.send(request, operation: operation, logger: logger))
    }

    /// `<endpoint>/v2/<repository>/<suffix>`; the repository's `/` stay literal, as Docker clients send them.
    func apiURL(_ repository: String, _ suffix: String) throws -> URL {
        guard let url = URL(string: "\(endpoint.absoluteString)/v2/\(repository)/\(suffix)") else {
            throw AzureClientError.invalidURL(
                "\(endpoint)/v2/\(repository)/\(suffix)", reason: "cannot build the registry API URL")
        }
        return url
    }

    /// The typed service error for a refused request.
    func serviceError(_ response: HTTPResponse, operation: String) -> AzureServiceError {
        pipeline.profile.errors.decode(
            response, operation: operation, clientRequestID: response.headers[pipeline.profile.clientRequestIDHeader])
    }
}
