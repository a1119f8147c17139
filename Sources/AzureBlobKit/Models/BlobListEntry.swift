import Foundation

/// One entry of a blob listing: a blob, or (with a delimiter) a virtual folder.
///
/// ```swift
/// for try await entry in container.listBlobs(prefix: "raw/", delimiter: "/") {
///     switch entry {
///     case .blob(let blob): print(blob.name, blob.contentLength)
///     case .prefix(let folder): print("folder", folder)
///     }
/// }
/// ```
public enum BlobListEntry: Sendable, Hashable {
    case blob(BlobItem)
    /// A virtual folder such as `raw/airlines/` (listings with a delimiter only).
    case prefix(String)

    /// The blob, when this entry is one.
    public var blob: BlobItem? {
        if case .blob(let item) = self { return item }
        return nil
    }

    /// The blob name or folder prefix.
    public var name: String {
        switch self {
        case .blob(let item): return item.name
        case .prefix(let prefix): return prefix
        }
    }
}

/// A blob as a listing describes it.
public struct BlobItem: Sendable, Hashable {
    public var name: String
    /// The ETag, quoted like the header form (listings send it unquoted).
    public var etag: String?
    public var contentLength: Int64?
    public var contentType: String?
    public var contentMD5: String?
    public var lastModified: Date?
    public var blobType: BlobType?
    public var accessTier: AccessTier?
    public var snapshot: String?
    public var versionID: String?
    public var isDeleted: Bool
    public var metadata: [String: String]

    public init(
        name: String, etag: String? = nil, contentLength: Int64? = nil, contentType: String? = nil,
        contentMD5: String? = nil, lastModified: Date? = nil, blobType: BlobType? = nil,
        accessTier: AccessTier? = nil, snapshot: String? = nil, versionID: String? = nil,
        isDeleted: Bool = false, metadata: [String: String] = [:]
    ) {
        self.name = name
        self.etag = etag
        self.contentLength = contentLength
        self.contentType = contentType
        self.contentMD5 = contentMD5
        self.lastModified = lastModified
        self.blobType = blobType
        self.accessTier = accessTier
        self.snapshot = snapshot
        self.versionID = versionID
        self.isDeleted = isDeleted
        self.metadata = metadata
    }
}
