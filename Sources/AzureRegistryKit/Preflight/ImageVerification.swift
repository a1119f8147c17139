import AzureKitCore

/// What a preflight check learned about an image: it exists (with its digest), it does not, the credentials
/// were refused, or the registry could not be reached.
///
/// ``Outcome`` is a closed enum on purpose, unlike the SDK's extensible service values: these four answers
/// are everything a manifest probe can tell a caller about "will a node be able to pull this?", and a
/// caller that switches over them exhaustively (fail fast with the right message) is the point of the API.
/// Anything else (an unexpected HTTP status, a malformed token reply) is thrown as an error instead.
///
/// ```swift
/// let result = try await registry.verify(image: image)
/// switch result.outcome {
/// case .available(let digest, _): print("pulling \(image)@\(digest?.description ?? "?")")
/// case .notFound, .unauthorized, .unreachable: throw ValidationError(result.description)
/// }
/// ```
public struct ImageVerification: Sendable, Equatable, CustomStringConvertible {
    public enum Outcome: Sendable, Equatable {
        /// The manifest exists. The digest comes from `Docker-Content-Digest` (absent on a few registries),
        /// the media type from `Content-Type`.
        case available(digest: ImageDigest?, mediaType: ManifestMediaType?)
        /// 404: the repository (`NAME_UNKNOWN`) or the tag/digest (`MANIFEST_UNKNOWN`) does not exist. A HEAD
        /// reply usually has no body, so `code` is often `nil`.
        case notFound(code: ServiceErrorCode?, message: String)
        /// 401/403 after authenticating, or the token endpoint refused the credentials.
        case unauthorized(message: String)
        /// No HTTP answer (DNS, connection, timeout), or the registry kept failing (5xx, 429) after retries.
        case unreachable(message: String)
    }

    /// The image that was checked.
    public let image: ContainerImageReference
    public let outcome: Outcome

    public init(image: ContainerImageReference, outcome: Outcome) {
        self.image = image
        self.outcome = outcome
    }

    /// Whether a node could pull the image with these credentials.
    public var isAvailable: Bool {
        if case .available = outcome { return true }
        return false
    }

    /// The manifest digest when the image is available.
    public var digest: ImageDigest? {
        if case .available(let digest, _) = outcome { return digest }
        return nil
    }

    /// A one-line, secret-free explanation suitable for a command-line error.
    public var description: String {
        switch outcome {
        case .available(let digest, _):
            return "image \(image) is available" + (digest.map { " (\($0))" } ?? "")
        case .notFound(let code, let message):
            switch code {
            case .nameUnknown?: return "repository \(image.registry)/\(image.repository) does not exist (\(message))"
            case .manifestUnknown?:
                return
                    "\(image.manifestReference) is not in repository \(image.registry)/\(image.repository) (\(message))"
            case let code?: return "image \(image) was not found (\(code): \(message))"
            case nil:
                return
                    "image \(image) was not found: the repository or its \(image.digest == nil ? "tag" : "digest") does not exist"
            }
        case .unauthorized(let message):
            return "not allowed to pull \(image): \(message)"
        case .unreachable(let message):
            return "registry \(image.registry) is unreachable: \(message)"
        }
    }

    /// Returns the digest when the image is available, else throws ``ImageUnavailableError``.
    @discardableResult
    public func requireAvailable() throws -> ImageDigest? {
        guard isAvailable else { throw ImageUnavailableError(verification: self) }
        return digest
    }
}

/// Thrown by ``ImageVerification/requireAvailable()``; its description says why.
public struct ImageUnavailableError: Error, Sendable, Equatable, CustomStringConvertible {
    public let verification: ImageVerification
    public init(verification: ImageVerification) { self.verification = verification }
    public var description: String { verification.description }
}
