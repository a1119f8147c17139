#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A pool as the service reports it (Get Pool, List Pools).
public struct BatchPool: Codable, Hashable, Sendable {
    public var id: String
    public var displayName: String?
    public var url: String?
    public var eTag: String?
    @BatchTimestamp public var lastModified: Date?
    @BatchTimestamp public var creationTime: Date?
    public var state: PoolState?
    @BatchTimestamp public var stateTransitionTime: Date?
    public var allocationState: AllocationState?
    @BatchTimestamp public var allocationStateTransitionTime: Date?
    public var vmSize: VMSize?
    public var virtualMachineConfiguration: VirtualMachineConfiguration?
    @ISO8601Duration public var resizeTimeout: Duration?
    public var resizeErrors: [ResizeError]?
    public var currentDedicatedNodes: Int?
    public var currentLowPriorityNodes: Int?
    public var targetDedicatedNodes: Int?
    public var targetLowPriorityNodes: Int?
    public var enableAutoScale: Bool?
    public var autoScaleFormula: String?
    @ISO8601Duration public var autoScaleEvaluationInterval: Duration?
    public var autoScaleRun: AutoScaleRun?
    public var enableInterNodeCommunication: Bool?
    public var networkConfiguration: NetworkConfiguration?
    public var startTask: StartTask?
    public var applicationPackageReferences: [ApplicationPackageReference]?
    public var taskSlotsPerNode: Int?
    public var taskSchedulingPolicy: TaskSchedulingPolicy?
    public var userAccounts: [UserAccount]?
    public var metadata: [MetadataItem]?
    public var mountConfiguration: [MountConfiguration]?

    public init(id: String, state: PoolState? = nil, allocationState: AllocationState? = nil, vmSize: VMSize? = nil) {
        self.id = id
        self.state = state
        self.allocationState = allocationState
        self.vmSize = vmSize
    }
}

/// An error reported inside a resource rather than as a response: a resize error or an autoscale
/// evaluation error (`{code, message, values[{name, value}]}`).
public struct BatchErrorInfo: Codable, Hashable, Sendable {
    public var code: String?
    public var message: String?
    public var values: [NameValuePair]?
    public init(code: String? = nil, message: String? = nil, values: [NameValuePair]? = nil) {
        self.code = code
        self.message = message
        self.values = values
    }
}

/// An error from the last resize of a pool (`ResizeStopped`, `AllocationFailed`, …).
public typealias ResizeError = BatchErrorInfo
/// Why an autoscale formula could not be evaluated.
public typealias AutoScaleRunError = BatchErrorInfo

/// The result of evaluating an autoscale formula.
public struct AutoScaleRun: Codable, Hashable, Sendable {
    @BatchTimestamp public var timestamp: Date?
    /// The final values of the formula's variables, `$TargetDedicatedNodes=3;$NodeDeallocationOption=requeue`.
    public var results: String?
    public var error: AutoScaleRunError?
    public init(timestamp: Date? = nil, results: String? = nil, error: AutoScaleRunError? = nil) {
        self.timestamp = timestamp
        self.results = results
        self.error = error
    }
}

/// An image the account can use for pools (List Supported Images).
public struct SupportedImage: Codable, Hashable, Sendable {
    public var nodeAgentSKUId: NodeAgentSKU
    public var imageReference: ImageReference
    public var osType: OSType?
    public var capabilities: [String]?
    @BatchTimestamp public var batchSupportEndOfLife: Date?
    public var verificationType: ImageVerificationType?
    public init(nodeAgentSKUId: NodeAgentSKU, imageReference: ImageReference) {
        self.nodeAgentSKUId = nodeAgentSKUId
        self.imageReference = imageReference
    }
    /// Whether the image runs Docker-compatible containers out of the box.
    public var isDockerCompatible: Bool { capabilities?.contains { $0.lowercased() == "dockercompatible" } ?? false }
}
