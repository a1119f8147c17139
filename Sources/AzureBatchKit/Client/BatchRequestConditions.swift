import AzureKitCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Conditional request headers: the operation happens only if the resource matches.
///
/// ```swift
/// let pool = try await batch.getPool("airlines")
/// try await batch.resizePool("airlines", .init(targetLowPriorityNodes: 10), conditions: .init(ifMatch: pool.eTag))
/// ```
public struct BatchRequestConditions: Sendable, Hashable {
    /// Only if the resource's ETag is this one (else 412 `ConditionNotMet`).
    public var ifMatch: String?
    /// Only if the resource's ETag differs (`*`: only if it does not exist).
    public var ifNoneMatch: String?
    public var ifModifiedSince: Date?
    public var ifUnmodifiedSince: Date?

    public init(
        ifMatch: String? = nil, ifNoneMatch: String? = nil, ifModifiedSince: Date? = nil,
        ifUnmodifiedSince: Date? = nil
    ) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
    }

    /// No conditions.
    public static let none = BatchRequestConditions()

    func apply(to headers: inout HTTPHeaders) {
        if let ifMatch { headers["If-Match"] = ifMatch }
        if let ifNoneMatch { headers["If-None-Match"] = ifNoneMatch }
        if let ifModifiedSince { headers["If-Modified-Since"] = HTTPDate.format(ifModifiedSince) }
        if let ifUnmodifiedSince { headers["If-Unmodified-Since"] = HTTPDate.format(ifUnmodifiedSince) }
    }
}

/// OData options of a listing.
///
/// ```swift
/// batch.listTasks(job: "j1", options: .init(filter: "state eq 'completed'", select: ["id", "executionInfo"]))
/// ```
public struct BatchListOptions: Sendable, Hashable {
    /// An OData `$filter` expression, e.g. `state eq 'active'`.
    public var filter: String?
    /// Properties to return (`$select`).
    public var select: [String]?
    /// Related data to include (`$expand`, e.g. `stats`).
    public var expand: [String]?
    /// Items per page, 1…1000 (service default 1000).
    public var maxResults: Int?

    public init(filter: String? = nil, select: [String]? = nil, expand: [String]? = nil, maxResults: Int? = nil) {
        self.filter = filter
        self.select = select
        self.expand = expand
        self.maxResults = maxResults
    }

    var query: [(String, String)] {
        var items: [(String, String)] = []
        if let filter { items.append(("$filter", filter)) }
        if let select, !select.isEmpty { items.append(("$select", select.joined(separator: ","))) }
        if let expand, !expand.isEmpty { items.append(("$expand", expand.joined(separator: ","))) }
        if let maxResults { items.append(("maxresults", String(max(1, min(1000, maxResults))))) }
        return items
    }
}
