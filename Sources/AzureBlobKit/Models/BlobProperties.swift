import AzureKitCore
import Foundation

/// A blob's system properties and metadata, from Get Blob Properties (HEAD) or a download's first response.
public struct BlobProperties: Sendable, Hashable {
    /// The quoted ETag, e.g. `"0x8DDE0F1A2B3C4D5"`.
    public var etag: String
    public var lastModified: Date?
    public var creationTime: Date?
    /// The blob's full length in bytes.
    public var contentLength: Int64
    public var contentType: String?
    public var contentEncoding: String?
    /// The stored `Content-MD5` property (base64), if any.
    public var contentMD5: String?
    public var blobType: BlobType?
    public var accessTier: AccessTier?
    public var leaseState: String?
    /// `x-ms-meta-*` values, names lower-cased as HTTP delivers them.
    public var metadata: [String: String]
    public var versionID: String?

    public init(
        etag: String, lastModified: Date? = nil, creationTime: Date? = nil, contentLength: Int64,
        contentType: String? = nil, contentEncoding: String? = nil, contentMD5: String? = nil,
        blobType: BlobType? = nil, accessTier: AccessTier? = nil, leaseState: String? = nil,
        metadata: [String: String] = [:], versionID: String? = nil
    ) {
        self.etag = etag
        self.lastModified = lastModified
        self.creationTime = creationTime
        self.contentLength = contentLength
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.contentMD5 = contentMD5
        self.blobType = blobType
        self.accessTier = accessTier
        self.leaseState = leaseState
        self.metadata = metadata
        self.versionID = versionID
    }

    /// Reads the properties from response headers; `length` overrides `Content-Length` (ranged responses).
    init(headers: HTTPHeaders, length: Int64? = nil) {
        self.init(
            etag: headers["ETag"] ?? "", lastModified: headers["Last-Modified"].flatMap(HTTPDate.parse),
            creationTime: headers["x-ms-creation-time"].flatMap(HTTPDate.parse),
            contentLength: length ?? headers["Content-Length"].flatMap { Int64($0) } ?? 0,
            contentType: headers["Content-Type"], contentEncoding: headers["Content-Encoding"],
            contentMD5: headers["x-ms-blob-content-md5"] ?? headers["Content-MD5"],
            blobType: headers["x-ms-blob-type"].map(BlobType.init(rawValue:)),
            accessTier: headers["x-ms-access-tier"].map(AccessTier.init(rawValue:)),
            leaseState: headers["x-ms-lease-state"], metadata: Self.metadata(in: headers),
            versionID: headers["x-ms-version-id"])
    }

    static func metadata(in headers: HTTPHeaders) -> [String: String] {
        var metadata: [String: String] = [:]
        for field in headers where field.name.lowercased().hasPrefix("x-ms-meta-") {
            metadata[String(field.name.lowercased().dropFirst("x-ms-meta-".count))] = field.value
        }
        return metadata
    }
}

/// A container's properties, from Get Container Properties.
public struct ContainerProperties: Sendable, Hashable {
    public var etag: String
    public var lastModified: Date?
    public var metadata: [String: String]
    public var publicAccess: PublicAccessLevel?
    public var leaseState: String?

    init(headers: HTTPHeaders) {
        etag = headers["ETag"] ?? ""
        lastModified = headers["Last-Modified"].flatMap(HTTPDate.parse)
        metadata = BlobProperties.metadata(in: headers)
        publicAccess = headers["x-ms-blob-public-access"].map(PublicAccessLevel.init(rawValue:))
        leaseState = headers["x-ms-lease-state"]
    }
}

/// What an upload or a metadata change returns.
public struct BlobWriteResult: Sendable, Hashable {
    /// The new quoted ETag.
    public var etag: String
    public var lastModified: Date?
    /// The number of blocks committed (1 for a single Put Blob).
    public var blockCount: Int
    /// Bytes written.
    public var length: Int64
    public var versionID: String?

    public init(etag: String, lastModified: Date?, blockCount: Int, length: Int64, versionID: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
        self.blockCount = blockCount
        self.length = length
        self.versionID = versionID
    }
}
