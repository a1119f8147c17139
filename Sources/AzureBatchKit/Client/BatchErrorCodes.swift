import AzureKitCore

extension ServiceErrorCode {
    // Conflicts (409).
    public static let poolExists: ServiceErrorCode = "PoolExists"
    public static let jobExists: ServiceErrorCode = "JobExists"
    public static let taskExists: ServiceErrorCode = "TaskExists"
    public static let poolBeingDeleted: ServiceErrorCode = "PoolBeingDeleted"
    public static let jobBeingDeleted: ServiceErrorCode = "JobBeingDeleted"
    public static let poolResizing: ServiceErrorCode = "PoolResizing"
    public static let autoScaleEnabled: ServiceErrorCode = "AutoScalingEnabled"
    public static let taskIdSameAsJobPreparationTask: ServiceErrorCode = "TaskIdSameAsJobPreparationTask"
    public static let jobCompleted: ServiceErrorCode = "JobCompleted"
    public static let activeJobAndScheduleQuotaReached: ServiceErrorCode = "ActiveJobAndScheduleQuotaReached"
    // Not found (404).
    public static let poolNotFound: ServiceErrorCode = "PoolNotFound"
    public static let jobNotFound: ServiceErrorCode = "JobNotFound"
    public static let taskNotFound: ServiceErrorCode = "TaskNotFound"
    public static let nodeNotFound: ServiceErrorCode = "NodeNotFound"
    public static let fileNotFound: ServiceErrorCode = "FileNotFound"
    // Bad requests (400, 413).
    public static let invalidPropertyValue: ServiceErrorCode = "InvalidPropertyValue"
    public static let missingRequiredProperty: ServiceErrorCode = "MissingRequiredProperty"
    public static let taskDependenciesNotSpecifiedOnJob: ServiceErrorCode = "TaskDependenciesNotSpecifiedOnJob"
    public static let taskDependencyListTooLong: ServiceErrorCode = "TaskDependencyListTooLong"
    public static let requestEntityTooLarge: ServiceErrorCode = "RequestEntityTooLarge"
    public static let invalidAutoScaleFormula: ServiceErrorCode = "InvalidAutoScaleFormula"
    // Throttling.
    public static let tooManyRequests: ServiceErrorCode = "TooManyRequests"
}

extension AzureServiceError {
    /// 404, or a Batch `*NotFound` code.
    public var isNotFound: Bool { status == 404 || (code?.rawValue.hasSuffix("NotFound") ?? false) }
    /// `PoolExists`, `JobExists` or `TaskExists`.
    public var isAlreadyExists: Bool { code == .poolExists || code == .jobExists || code == .taskExists }
    /// Any 409.
    public var isConflict: Bool { status == 409 }
    /// 401 or 403 (`AuthenticationFailed`, wrong key, expired token, missing role).
    public var isAuthenticationFailure: Bool { status == 401 || status == 403 || code == .authenticationFailed }
    /// 429, 503 `ServerBusy` or 500 `OperationTimedOut`: worth trying again later.
    public var isTransient: Bool {
        [408, 429, 500, 502, 503, 504].contains(status) || code == .serverBusy || code == .operationTimedOut
    }
}
