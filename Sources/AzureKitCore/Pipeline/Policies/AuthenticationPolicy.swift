import Foundation
import Logging

/// Authenticates one attempt: Shared Key (signed again every attempt, after the date is stamped), a bearer
/// token from a ``TokenCredential``, a SAS appended to the URL, a service module's own policy
/// (``ServiceCredential/custom(_:)``: Container Registry's challenge and per-scope tokens), or nothing.
public struct AuthenticationPolicy: HTTPPolicy {
    public let credential: ServiceCredential

    public init(credential: ServiceCredential) { self.credential = credential }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var request = request
        switch credential.storage {
        case .sharedKey(let key):
            request.headers["Authorization"] = try SharedKeyAuthorization.authorization(
                for: request, credential: key, scheme: context.profile.sharedKeyScheme)
        case .token(let tokenCredential):
            let token = try await tokenCredential.token(for: context.profile.tokenScopes, logger: context.logger)
            request.headers["Authorization"] = "Bearer \(token.token)"
        case .sas(let sas):
            request.url = try Self.appendingSAS(sas, to: request.url)
        case .custom(let policy):
            return try await policy.send(request, context: context, next: next)
        case .anonymous:
            break
        }
        return try await next(request, context)
    }

    /// `url` with the SAS parameters added; parameters the URL already has (a SAS of its own) are kept.
    static func appendingSAS(_ sas: String, to url: URL) throws -> URL {
        let existing = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? ""
        if existing.contains("sig=") { return url }
        return try url.appendingPercentEncodedQuery(sas, reason: "cannot add a SAS to it")
    }
}
