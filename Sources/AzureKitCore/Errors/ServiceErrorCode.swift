/// An error code returned by an Azure service (`PoolExists`, `BlobNotFound`, …).
///
/// Extensible: each service module adds its codes as static constants, and a code the SDK has never heard of
/// still compares and prints.
///
/// ```swift
/// extension ServiceErrorCode { public static let poolExists: ServiceErrorCode = "PoolExists" }
/// if error.code == .poolExists { ... }
/// ```
public struct ServiceErrorCode: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Codes shared by Storage and Batch.
    public static let authenticationFailed: ServiceErrorCode = "AuthenticationFailed"
    public static let serverBusy: ServiceErrorCode = "ServerBusy"
    public static let internalError: ServiceErrorCode = "InternalError"
    public static let operationTimedOut: ServiceErrorCode = "OperationTimedOut"
    public static let requestBodyTooLarge: ServiceErrorCode = "RequestBodyTooLarge"
    public static let invalidHeaderValue: ServiceErrorCode = "InvalidHeaderValue"
    public static let invalidQueryParameterValue: ServiceErrorCode = "InvalidQueryParameterValue"
    public static let conditionNotMet: ServiceErrorCode = "ConditionNotMet"
}
