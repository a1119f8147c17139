import AzureKitCore

// Storage error codes (names as in azure-storage-blob's `StorageErrorCode`). The `x-ms-error-code` header is
// authoritative and the only place a code appears for HEAD requests.
extension ServiceErrorCode {
    // 400
    public static let invalidBlockID: ServiceErrorCode = "InvalidBlockId"
    public static let invalidBlockList: ServiceErrorCode = "InvalidBlockList"
    public static let blockListTooLong: ServiceErrorCode = "BlockListTooLong"
    public static let md5Mismatch: ServiceErrorCode = "Md5Mismatch"
    public static let crc64Mismatch: ServiceErrorCode = "Crc64Mismatch"
    public static let invalidXMLDocument: ServiceErrorCode = "InvalidXmlDocument"
    public static let outOfRangeInput: ServiceErrorCode = "OutOfRangeInput"
    // 403
    public static let authorizationFailure: ServiceErrorCode = "AuthorizationFailure"
    public static let authorizationPermissionMismatch: ServiceErrorCode = "AuthorizationPermissionMismatch"
    public static let insufficientAccountPermissions: ServiceErrorCode = "InsufficientAccountPermissions"
    // 404
    public static let containerNotFound: ServiceErrorCode = "ContainerNotFound"
    public static let blobNotFound: ServiceErrorCode = "BlobNotFound"
    public static let resourceNotFound: ServiceErrorCode = "ResourceNotFound"
    // 409
    public static let containerAlreadyExists: ServiceErrorCode = "ContainerAlreadyExists"
    public static let containerBeingDeleted: ServiceErrorCode = "ContainerBeingDeleted"
    public static let blobAlreadyExists: ServiceErrorCode = "BlobAlreadyExists"
    public static let leaseAlreadyPresent: ServiceErrorCode = "LeaseAlreadyPresent"
    public static let blockCountExceedsLimit: ServiceErrorCode = "BlockCountExceedsLimit"
    // 411 / 412 / 416
    public static let missingContentLengthHeader: ServiceErrorCode = "MissingContentLengthHeader"
    public static let leaseIDMissing: ServiceErrorCode = "LeaseIdMissing"
    public static let leaseLost: ServiceErrorCode = "LeaseLost"
    public static let invalidRange: ServiceErrorCode = "InvalidRange"
}
