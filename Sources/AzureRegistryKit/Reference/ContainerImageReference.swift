/// A container image reference, parsed and normalized the way Docker does it.
///
/// `ubuntu` means `docker.io/library/ubuntu:latest`; `devregistry.azurecr.io/tools/worker:1.4.2` names a tag;
/// `…/worker@sha256:<64 hex>` pins a digest (a tag may be given too, and is then only informational, as in
/// Docker). The first path component is a registry host when it contains `.` or `:`, is `localhost`, or has
/// upper-case letters; otherwise the image lives on Docker Hub.
///
/// ```swift
/// let image = try ContainerImageReference(parsing: "devregistry.azurecr.io/tools/worker:1.4.2")
/// image.registry      // "devregistry.azurecr.io"
/// image.repository    // "tools/worker"
/// image.tag           // "1.4.2"
/// image.description   // "devregistry.azurecr.io/tools/worker:1.4.2"
/// ```
public struct ContainerImageReference: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Docker Hub's registry name in references.
    public static let dockerHub = "docker.io"
    /// The tag used when a reference names neither a tag nor a digest.
    public static let defaultTag = "latest"

    /// The registry host, with its port when one was given (`localhost:5000`); `docker.io` by default.
    public let registry: String
    /// The repository path inside the registry (`tools/worker`; `library/ubuntu` on Docker Hub).
    public let repository: String
    /// The tag as written, or `nil` when the reference had none.
    public let tag: String?
    /// The digest, when the reference pins one.
    public let digest: ImageDigest?

    /// Builds a reference from parts, validating each as ``init(parsing:)`` does.
    ///
    /// - Throws: ``ContainerImageReferenceError`` naming the invalid part.
    public init(
        registry: String = ContainerImageReference.dockerHub, repository: String, tag: String? = nil,
        digest: ImageDigest? = nil
    ) throws {
        var text = "\(registry)/\(repository)"
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        self = try ContainerImageReference(parsing: text)
    }

    /// Parses `text` as Docker's `ParseNormalizedNamed` does.
    ///
    /// - Throws: ``ContainerImageReferenceError`` naming the invalid part (host, path component, tag or digest).
    public init(parsing text: String) throws {
        let parts = try ContainerImageReferenceParser(reference: text).parse()
        self.registry = parts.registry
        self.repository = parts.repository
        self.tag = parts.tag
        self.digest = parts.digest
    }

    /// What to ask the registry for: the digest when pinned (it wins over a tag), else the tag, else `latest`.
    public var manifestReference: String { digest?.description ?? tag ?? Self.defaultTag }

    /// The fully qualified reference, with the default tag filled in when there is neither tag nor digest:
    /// the form Batch's `containerImageNames` and `containerSettings.imageName` take.
    public var description: String {
        var text = "\(registry)/\(repository)"
        if let tag { text += ":\(tag)" } else if digest == nil { text += ":\(Self.defaultTag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// The reference as `docker pull` prints it: no `docker.io/` or `library/` prefix for Docker Hub images.
    public var familiarName: String {
        var name = "\(registry)/\(repository)"
        if registry == Self.dockerHub {
            name =
                repository.hasPrefix("library/") && repository.dropFirst(8).firstIndex(of: "/") == nil
                ? String(repository.dropFirst(8)) : repository
        }
        if let tag { name += ":\(tag)" } else if digest == nil { name += ":\(Self.defaultTag)" }
        if let digest { name += "@\(digest)" }
        return name
    }

    /// The registry's `host[:port]` as the registry API serves it; Docker Hub's API is `registry-1.docker.io`.
    public var apiHost: String { registry == Self.dockerHub ? "registry-1.docker.io" : registry }

    /// Decodes the string form; an invalid one is a `DecodingError.dataCorrupted` naming the bad part.
    public init(from decoder: any Decoder) throws {
        self = try StringForm.decode(from: decoder, parse: Self.init(parsing:))
    }

    public func encode(to encoder: any Encoder) throws { try StringForm.encode(description, to: encoder) }
}
