import AzureKitCore

/// A blob's access tier (`x-ms-access-tier`, `<AccessTier>`).
public struct AccessTier: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let hot = AccessTier(rawValue: "Hot")
    public static let cool = AccessTier(rawValue: "Cool")
    public static let cold = AccessTier(rawValue: "Cold")
    public static let archive = AccessTier(rawValue: "Archive")
}

/// `BlockBlob`, `AppendBlob` or `PageBlob`.
public struct BlobType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let blockBlob = BlobType(rawValue: "BlockBlob")
    public static let appendBlob = BlobType(rawValue: "AppendBlob")
    public static let pageBlob = BlobType(rawValue: "PageBlob")
}

/// Extra datasets a blob listing can include (`include=`), comma-joined into one parameter.
public struct ListBlobsInclude: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let snapshots = ListBlobsInclude(rawValue: "snapshots")
    public static let metadata = ListBlobsInclude(rawValue: "metadata")
    public static let uncommittedBlobs = ListBlobsInclude(rawValue: "uncommittedblobs")
    public static let copy = ListBlobsInclude(rawValue: "copy")
    public static let deleted = ListBlobsInclude(rawValue: "deleted")
    public static let tags = ListBlobsInclude(rawValue: "tags")
    public static let versions = ListBlobsInclude(rawValue: "versions")
}

/// Whether deleting a blob also deletes its snapshots (`x-ms-delete-snapshots`).
public struct DeleteSnapshotsOption: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Delete the blob and all its snapshots.
    public static let include = DeleteSnapshotsOption(rawValue: "include")
    /// Delete only the snapshots, keeping the blob.
    public static let only = DeleteSnapshotsOption(rawValue: "only")
}

/// Public read access for a new container (`x-ms-blob-public-access`); omit for private.
public struct PublicAccessLevel: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let blob = PublicAccessLevel(rawValue: "blob")
    public static let container = PublicAccessLevel(rawValue: "container")
}
