import AzureKitCore
import Foundation
import Logging

/// Talks to one container registry (ACR or any Docker Registry v2) with one ``RegistryCredential``; today
/// it does the preflight check ``verify(image:logger:)-(ContainerImageReference,_)``,
/// pushes blobs and manifests (``pushBlob(_:to:options:logger:)``, ``pushManifest(_:mediaType:to:reference:logger:)``)
/// and reads them back (``manifest(of:logger:)``, ``blob(_:in:logger:)``).
///
/// The client is a cheap value; copies share the token caches, so keep one per registry and credential.
///
/// ```swift
/// let registry = try ContainerRegistryClient(
///     loginServer: "devregistry.azurecr.io",
///     credential: .basic(username: "devregistry", password: password))
/// let result = try await registry.verify(image: "devregistry.azurecr.io/tools/worker:1.4.2")
/// try result.requireAvailable()   // throws "…1.4.2 is not in repository …" before any pool is created
/// ```
public struct ContainerRegistryClient: Sendable {
    /// The registry's `host[:port]` as it appears in image references (`docker.io` for Docker Hub).
    public let loginServer: String
    /// Where the registry API is served (`https://registry-1.docker.io` for Docker Hub).
    public let endpoint: URL
    public let credential: RegistryCredential
    public let options: ContainerRegistryClientOptions
    let service: ServiceClient
    var pipeline: Pipeline { service.pipeline }
    let authenticator: RegistryAuthenticator

    /// - Parameters:
    ///   - loginServer: `devregistry.azurecr.io`, `localhost:5000`, `docker.io`, or a URL such as
    ///     `https://devregistry.azurecr.io`. Loopback hosts are reached over `http://`, others over `https://`.
    ///   - credential: what the client authenticates with; anonymous by default.
    ///   - options: ``ContainerRegistryClientOptions/core``: retry, transport, logging redaction and timeouts, as
    ///     for the other service clients.
    /// - Throws: `AzureClientError` for a login server that is not a host, or plain `http://` to a remote host.
    public init(
        loginServer: String, credential: RegistryCredential = .anonymous,
        options: ContainerRegistryClientOptions = .init()
    ) throws {
        try self.init(loginServer: loginServer, credential: credential, options: options, now: { Date() })
    }

    /// A client for the registry that serves `image`.
    public init(
        registryOf image: ContainerImageReference, credential: RegistryCredential = .anonymous,
        options: ContainerRegistryClientOptions = .init()
    ) throws {
        try self.init(loginServer: image.registry, credential: credential, options: options)
    }

    init(
        loginServer: String, credential: RegistryCredential, options: ContainerRegistryClientOptions,
        now: @escaping @Sendable () -> Date
    ) throws {
        let (server, endpoint) = try Self.resolve(loginServer)
        self.loginServer = server
        self.endpoint = endpoint
        self.credential = credential
        self.options = options
        // Token endpoints get a pipeline of their own, without the challenge policy: each token request sets its
        // own `Authorization` (Basic) or carries its secret in the form body.
        let authenticator = RegistryAuthenticator(
            credential: credential,
            tokens: RegistryTokenService(
                pipeline: Pipeline(
                    profile: .containerRegistry, credential: .anonymous, options: options.core, now: now),
                allowsInsecureHTTP: options.core.allowsInsecureHTTP, now: now),
            now: now)
        self.authenticator = authenticator
        // The same runtime wrapper as every other client; registry authentication is its pipeline policy.
        self.service = try ServiceClient(
            endpoint: endpoint,
            credential: .custom(RegistryChallengePolicy(authenticator: authenticator, registry: endpoint)),
            profile: .containerRegistry, options: options.core, now: now)
    }

    /// Parses `image` and checks it; see ``verify(image:logger:)-(ContainerImageReference,_)``.
    ///
    /// - Throws: ``ContainerImageReferenceError`` for an invalid reference, plus what the other overload throws.
    public func verify(image: String, logger: Logger = .azureDisabled) async throws -> ImageVerification {
        try await verify(image: ContainerImageReference(parsing: image), logger: logger)
    }

    /// Asks the registry whether `image` exists and these credentials may pull it, without downloading it:
    /// `HEAD /v2/<repository>/manifests/<tag or digest>`, accepting Docker and OCI manifests and indexes,
    /// answering the registry's challenge with this client's credential.
    ///
    /// - Returns: one of four outcomes; see ``ImageVerification/Outcome``.
    /// - Throws: `AzureClientError` (`.invalidArgument`) when `image` lives on another registry; an
    ///   `AzureServiceError` for an answer that fits none of the outcomes (e.g. HTTP 400);
    ///   `CancellationError`.
    public func verify(image: ContainerImageReference, logger: Logger = .azureDisabled) async throws
        -> ImageVerification
    {
        try await service.operation("ContainerRegistryClient.verify") {
            let logger = service.resolvedLogger(logger)
            let verification = try await verifyTraced(image: image, logger: logger)
            logger.log(
                level: verification.isAvailable ? .info : .warning, "image checked",
                metadata: ["az-image": .string(image.description), "az-outcome": .string(verification.description)])
            return verification
        }
    }

    private func verifyTraced(image: ContainerImageReference, logger: Logger) async throws -> ImageVerification {
        guard Self.normalizedServer(image.registry) == loginServer.lowercased() else {
            throw AzureClientError(
                .invalidArgument,
                "image '\(image)' is in registry '\(image.registry)', but this client talks to '\(loginServer)'")
        }
        do {
            let outcome = try await probeManifest(image, logger: logger)
            return ImageVerification(image: image, outcome: outcome)
        } catch let error as TransportError {
            return ImageVerification(image: image, outcome: .unreachable(message: error.description))
        } catch let error as AzureServiceError where [401, 403].contains(error.status) {
            return ImageVerification(
                image: image,
                outcome: .unauthorized(
                    message: "the token endpoint refused the credentials (\(error))"))
        } catch let error as AzureServiceError where error.status == 429 || error.status >= 500 {
            return ImageVerification(
                image: image, outcome: .unreachable(message: "the token endpoint kept failing (\(error))"))
        } catch let error as AzureClientError where error.kind == .authenticationFailed {
            return ImageVerification(image: image, outcome: .unauthorized(message: error.message))
        }
    }

    private func probeManifest(_ image: ContainerImageReference, logger: Logger) async throws
        -> ImageVerification.Outcome
    {
        let request = try apiRequest(
            .head, image.repository, "manifests/\(image.manifestReference)",
            headers: ["Accept": ManifestMediaType.imageTypes.map(\.rawValue).joined(separator: ", ")])
        let response = try await send(
            request, scopes: [.pull(repository: image.repository)], operation: "Manifests_Head", logger: logger)
        if response.status == 401 {
            guard let challenge = RegistryChallenge.first(in: response.headers.values(for: "WWW-Authenticate")) else {
                return .unauthorized(message: "the registry answered 401 without a usable WWW-Authenticate challenge")
            }
            if !authenticator.canAnswer(challenge) {
                return .unauthorized(
                    message:
                        "the registry asks for \(challenge.scheme) authentication, which \(credential) cannot provide")
            }
        }
        return try outcome(of: response)
    }

    private func outcome(of response: HTTPResponse) throws -> ImageVerification.Outcome {
        let error = serviceError(response, operation: "Manifests_Head")
        switch response.status {
        case 200..<300:
            let digest = response.headers["Docker-Content-Digest"].flatMap { try? ImageDigest(parsing: $0) }
            let mediaType = ManifestMediaType(contentType: response.headers["Content-Type"])
            return .available(digest: digest, mediaType: mediaType)
        case 404:
            return .notFound(code: error.code, message: error.message)
        case 401, 403:
            let hint =
                response.status == 401 ? "; on some registries this also means the repository does not exist" : ""
            return .unauthorized(
                message: "the registry refused the credentials with HTTP \(response.status)"
                    + (error.code.map { " \($0)" } ?? "") + ": \(error.message)\(hint)")
        case 429, 500..<600:
            return .unreachable(message: "the registry kept failing: \(error)")
        default:
            throw error
        }
    }

    /// `docker.io` and `index.docker.io` are one registry; hosts compare case-insensitively.
    public static func normalizedServer(_ server: String) -> String {
        let lower = server.lowercased()
        return lower == "index.docker.io" || lower == "registry-1.docker.io" ? ContainerImageReference.dockerHub : lower
    }

    /// The login server name and the API endpoint for what the caller passed.
    static func resolve(_ text: String) throws -> (server: String, endpoint: URL) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var scheme: String?
        var hostPort = trimmed
        if let range = trimmed.range(of: "://") {
            scheme = trimmed[..<range.lowerBound].lowercased()
            hostPort = String(trimmed[range.upperBound...])
        }
        while hostPort.hasSuffix("/") { hostPort.removeLast() }
        guard !hostPort.isEmpty, !hostPort.contains("/"), !hostPort.contains("@"), !hostPort.contains("?") else {
            throw AzureClientError.invalidURL(
                text, reason: "a login server is a host name with an optional port, e.g. devregistry.azurecr.io")
        }
        let server = normalizedServer(hostPort)
        let apiHost = server == ContainerImageReference.dockerHub ? "registry-1.docker.io" : server
        let hostOnly =
            apiHost.hasPrefix("[")
            ? String(apiHost.prefix { $0 != "]" }.dropFirst())
            : String(apiHost.prefix { $0 != ":" })
        let resolvedScheme = scheme ?? (EndpointValidation.isLoopback(hostOnly) ? "http" : "https")
        guard let endpoint = URL(string: "\(resolvedScheme)://\(apiHost)") else {
            throw AzureClientError.invalidURL(text, reason: "it is not a valid host")
        }
        return (server, endpoint)
    }
}
