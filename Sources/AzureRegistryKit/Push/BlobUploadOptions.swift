/// How ``ContainerRegistryClient/pushBlob(_:to:options:logger:)`` sends a blob's bytes.
///
/// ```swift
/// let options = BlobUploadOptions(chunkSize: 8 << 20, mountFrom: "base/ubuntu")   // 8 MiB PATCHes
/// ```
public struct BlobUploadOptions: Sendable, Equatable {
    /// `nil` (the default) uploads in one `PUT …?digest=`; a size sends `PATCH` requests of at most that many
    /// bytes (with `Content-Range`) and then an empty `PUT …?digest=`. Chunks keep each request (and each retry)
    /// small on slow links; registries in front of proxies with body limits need them.
    public var chunkSize: Int?
    /// A repository of the same registry that may already hold the blob: the upload starts as a cross-repository
    /// mount (`POST …/blobs/uploads/?mount=<digest>&from=<repository>`), which costs no bytes when the registry
    /// allows it and falls back to an upload when it does not.
    public var mountFrom: String?

    public init(chunkSize: Int? = nil, mountFrom: String? = nil) {
        self.chunkSize = chunkSize
        self.mountFrom = mountFrom
    }
}

/// What ``ContainerRegistryClient/pushBlob(_:to:options:logger:)`` did with one blob.
public struct BlobPushResult: Sendable, Equatable, CustomStringConvertible {
    /// How the blob got into the repository. A closed enum: these are the only three ways the distribution
    /// API offers.
    public enum Outcome: Sendable, Equatable {
        /// `HEAD` found it: nothing was sent.
        case alreadyPresent
        /// The registry linked it from another repository: nothing was sent.
        case mounted(from: String)
        /// The bytes were uploaded, in `requests` `PATCH`/`PUT` requests (a restarted session's included; a
        /// request sent again after a 401 or a transient failure counts once).
        case uploaded(requests: Int)
    }

    public let digest: ImageDigest
    public let size: Int
    public let outcome: Outcome

    public init(digest: ImageDigest, size: Int, outcome: Outcome) {
        self.digest = digest
        self.size = size
        self.outcome = outcome
    }

    /// Whether the bytes crossed the network.
    public var wasUploaded: Bool {
        if case .uploaded = outcome { return true }
        return false
    }

    public var description: String {
        switch outcome {
        case .alreadyPresent: return "\(digest) (\(size) bytes): already present"
        case .mounted(let source): return "\(digest) (\(size) bytes): mounted from \(source)"
        case .uploaded(let requests): return "\(digest) (\(size) bytes): uploaded in \(requests) request(s)"
        }
    }
}
