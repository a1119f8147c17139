import AzureKitCore
import Foundation
import Logging

/// Container registry authentication as a pipeline policy, in the slot where Shared Key and Bearer run
/// (``AzureKitCore/ServiceCredential/custom(_:)``): every attempt, after retry, before tracing and logging.
///
/// A request that names its ``RegistryScope``s (``scopes``, in ``AzureKitCore/RequestValues``) and goes to the
/// registry itself gets a cached token for those scopes up front once the host's realm is known, else goes
/// unauthenticated to learn the challenge. A `401` carrying `WWW-Authenticate: Bearer realm=…,service=…,scope=…`
/// (or `Basic`) is answered once: token exchange through ``RegistryAuthenticator`` (cached per service and scope),
/// then the same request again with the answer, inside the same attempt and with the same client request id. That
/// second chance also recovers a token that expires between two chunks of an upload: the registry's
/// `invalid_token` 401 drops the cached tokens first.
///
/// A request without scopes (an upload location on a storage back end, the token endpoints' own requests) or to
/// another origin passes through untouched, so no registry token or password ever leaves the registry. A 401 that
/// cannot be answered (a Basic challenge to an Entra identity, a body that cannot be sent twice) is returned as is.
struct RegistryChallengePolicy: HTTPPolicy {
    /// The scopes a request needs; set by ``ContainerRegistryClient`` on each request it sends.
    enum Scopes: RequestValueKey {
        typealias Value = [RegistryScope]
    }

    let authenticator: RegistryAuthenticator
    /// The registry's API endpoint; only requests to its origin are authenticated.
    let registry: URL

    func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse {
        guard let scopes = context.values[Scopes.self], Self.sameOrigin(request.url, registry) else {
            return try await next(request, context)
        }
        let host = registry.host ?? ""
        var request = request
        let preemptive = try await authenticator.preemptiveAuthorization(
            host: host, scopes: scopes, logger: context.logger)
        request.headers["Authorization"] = preemptive
        let response = try await next(request, context)
        guard response.status == 401, request.body.isReplayable,
            let challenge = RegistryChallenge.first(in: response.headers.values(for: "WWW-Authenticate")),
            let answer = try await authenticator.authorization(
                answering: challenge, host: host, scopes: scopes, rejected: preemptive, logger: context.logger)
        else {
            return response
        }
        request.headers["Authorization"] = answer
        return try await next(request, context)
    }

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && a.port == b.port
    }
}
