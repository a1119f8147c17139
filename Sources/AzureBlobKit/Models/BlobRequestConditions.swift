import AzureKitCore
import Foundation

/// Conditions a write or read must meet (`If-Match`, `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`).
///
/// ```swift
/// try await blob.upload(data, conditions: .ifNotExists)            // never overwrite (409 BlobAlreadyExists)
/// try await blob.upload(data, conditions: .ifMatch(props.etag))    // only over the version we read (else 412)
/// ```
public struct BlobRequestConditions: Sendable, Hashable {
    /// An ETag, sent quoted.
    public var ifMatch: String?
    /// An ETag, or `*` for "only if the blob does not exist".
    public var ifNoneMatch: String?
    public var ifModifiedSince: Date?
    public var ifUnmodifiedSince: Date?
    /// The active lease, when the blob is leased.
    public var leaseID: String?

    public init(
        ifMatch: String? = nil, ifNoneMatch: String? = nil, ifModifiedSince: Date? = nil,
        ifUnmodifiedSince: Date? = nil, leaseID: String? = nil
    ) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
        self.leaseID = leaseID
    }

    /// Create only: `If-None-Match: *`.
    public static let ifNotExists = BlobRequestConditions(ifNoneMatch: "*")

    /// Only if the blob still has `etag`.
    public static func ifMatch(_ etag: String) -> BlobRequestConditions { .init(ifMatch: etag) }

    /// No conditions.
    public static let none = BlobRequestConditions()

    /// Adds the condition headers to `headers`.
    func apply(to headers: inout HTTPHeaders) {
        if let ifMatch { headers["If-Match"] = Self.quoted(ifMatch) }
        if let ifNoneMatch { headers["If-None-Match"] = ifNoneMatch == "*" ? "*" : Self.quoted(ifNoneMatch) }
        if let ifModifiedSince { headers["If-Modified-Since"] = HTTPDate.format(ifModifiedSince) }
        if let ifUnmodifiedSince { headers["If-Unmodified-Since"] = HTTPDate.format(ifUnmodifiedSince) }
        if let leaseID { headers["x-ms-lease-id"] = leaseID }
    }

    /// ETags are always sent quoted; listing XML gives them unquoted.
    static func quoted(_ etag: String) -> String {
        etag.hasPrefix("\"") || etag.hasPrefix("W/") ? etag : "\"\(etag)\""
    }
}
