/// A pool to create (`BatchPoolCreateOptions` on the wire).
///
/// Build one by hand or with the DSL (``PoolSpecification/init(id:vmSize:_:)``):
/// ```swift
/// let pool = PoolSpecification(id: "airlines", vmSize: .standardE2sV3,
///                              virtualMachineConfiguration: .containerHost(images: [image]),
///                              targetLowPriorityNodes: 3)
/// ```
public struct PoolSpecification: Codable, Hashable, Sendable {
    public var id: String
    public var displayName: String?
    public var vmSize: VMSize
    public var virtualMachineConfiguration: VirtualMachineConfiguration?
    /// How long allocation may take (default 15 minutes, minimum 5).
    @ISO8601Duration public var resizeTimeout: Duration?
    public var targetDedicatedNodes: Int?
    /// Spot nodes (the API still calls them low priority).
    public var targetLowPriorityNodes: Int?
    public var enableAutoScale: Bool?
    public var autoScaleFormula: String?
    @ISO8601Duration public var autoScaleEvaluationInterval: Duration?
    public var enableInterNodeCommunication: Bool?
    public var networkConfiguration: NetworkConfiguration?
    public var startTask: StartTask?
    public var applicationPackageReferences: [ApplicationPackageReference]?
    public var taskSlotsPerNode: Int?
    public var taskSchedulingPolicy: TaskSchedulingPolicy?
    public var userAccounts: [UserAccount]?
    public var metadata: [MetadataItem]?
    public var mountConfiguration: [MountConfiguration]?
    /// User-assigned managed identities to attach (ARM resource ids). Only the management plane can attach them
    /// (``BatchManagementClient``), so they are not part of the data-plane body; see ``ManagedIdentity``.
    public var userAssignedIdentities: [String]?

    /// The data-plane body: everything but ``userAssignedIdentities``.
    enum CodingKeys: String, CodingKey {
        case id, displayName, vmSize, virtualMachineConfiguration, resizeTimeout, targetDedicatedNodes,
            targetLowPriorityNodes
        case enableAutoScale, autoScaleFormula, autoScaleEvaluationInterval, enableInterNodeCommunication,
            networkConfiguration
        case startTask, applicationPackageReferences, taskSlotsPerNode, taskSchedulingPolicy, userAccounts, metadata
        case mountConfiguration
    }

    public init(
        id: String, displayName: String? = nil, vmSize: VMSize,
        virtualMachineConfiguration: VirtualMachineConfiguration? = nil, resizeTimeout: Duration? = nil,
        targetDedicatedNodes: Int? = nil, targetLowPriorityNodes: Int? = nil, enableAutoScale: Bool? = nil,
        autoScaleFormula: String? = nil, autoScaleEvaluationInterval: Duration? = nil,
        enableInterNodeCommunication: Bool? = nil, networkConfiguration: NetworkConfiguration? = nil,
        startTask: StartTask? = nil, applicationPackageReferences: [ApplicationPackageReference]? = nil,
        taskSlotsPerNode: Int? = nil, taskSchedulingPolicy: TaskSchedulingPolicy? = nil,
        userAccounts: [UserAccount]? = nil, metadata: [MetadataItem]? = nil,
        mountConfiguration: [MountConfiguration]? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.vmSize = vmSize
        self.virtualMachineConfiguration = virtualMachineConfiguration
        self.resizeTimeout = resizeTimeout
        self.targetDedicatedNodes = targetDedicatedNodes
        self.targetLowPriorityNodes = targetLowPriorityNodes
        self.enableAutoScale = enableAutoScale
        self.autoScaleFormula = autoScaleFormula
        self.autoScaleEvaluationInterval = autoScaleEvaluationInterval
        self.enableInterNodeCommunication = enableInterNodeCommunication
        self.networkConfiguration = networkConfiguration
        self.startTask = startTask
        self.applicationPackageReferences = applicationPackageReferences
        self.taskSlotsPerNode = taskSlotsPerNode
        self.taskSchedulingPolicy = taskSchedulingPolicy
        self.userAccounts = userAccounts
        self.metadata = metadata
        self.mountConfiguration = mountConfiguration
    }
}

/// The fields of a pool that a PATCH changes; `nil` fields are left alone.
public struct PoolUpdate: Codable, Hashable, Sendable {
    public var displayName: String?
    public var startTask: StartTask?
    public var applicationPackageReferences: [ApplicationPackageReference]?
    public var metadata: [MetadataItem]?
    public var taskSlotsPerNode: Int?
    public var taskSchedulingPolicy: TaskSchedulingPolicy?
    public var enableInterNodeCommunication: Bool?

    public init(
        displayName: String? = nil, startTask: StartTask? = nil,
        applicationPackageReferences: [ApplicationPackageReference]? = nil, metadata: [MetadataItem]? = nil,
        taskSlotsPerNode: Int? = nil, taskSchedulingPolicy: TaskSchedulingPolicy? = nil,
        enableInterNodeCommunication: Bool? = nil
    ) {
        self.displayName = displayName
        self.startTask = startTask
        self.applicationPackageReferences = applicationPackageReferences
        self.metadata = metadata
        self.taskSlotsPerNode = taskSlotsPerNode
        self.taskSchedulingPolicy = taskSchedulingPolicy
        self.enableInterNodeCommunication = enableInterNodeCommunication
    }
}

/// New node targets for a pool (Resize Pool).
public struct PoolResizeOptions: Codable, Hashable, Sendable {
    public var targetDedicatedNodes: Int?
    public var targetLowPriorityNodes: Int?
    @ISO8601Duration public var resizeTimeout: Duration?
    public var nodeDeallocationOption: NodeDeallocationOption?

    public init(
        targetDedicatedNodes: Int? = nil, targetLowPriorityNodes: Int? = nil, resizeTimeout: Duration? = nil,
        nodeDeallocationOption: NodeDeallocationOption? = nil
    ) {
        self.targetDedicatedNodes = targetDedicatedNodes
        self.targetLowPriorityNodes = targetLowPriorityNodes
        self.resizeTimeout = resizeTimeout
        self.nodeDeallocationOption = nodeDeallocationOption
    }
}

/// Turns autoscaling on (Enable Pool AutoScale).
public struct EnableAutoScaleOptions: Codable, Hashable, Sendable {
    public var autoScaleFormula: String?
    /// PT5M…PT168H; default 15 minutes.
    @ISO8601Duration public var autoScaleEvaluationInterval: Duration?
    public init(autoScaleFormula: String? = nil, autoScaleEvaluationInterval: Duration? = nil) {
        self.autoScaleFormula = autoScaleFormula
        self.autoScaleEvaluationInterval = autoScaleEvaluationInterval
    }
}

/// A formula to evaluate against a pool without applying it.
public struct EvaluateAutoScaleOptions: Codable, Hashable, Sendable {
    public var autoScaleFormula: String
    public init(autoScaleFormula: String) { self.autoScaleFormula = autoScaleFormula }
}

/// Nodes to remove from a pool (at most 100).
public struct RemoveNodesOptions: Codable, Hashable, Sendable {
    public var nodeList: [String]
    @ISO8601Duration public var resizeTimeout: Duration?
    public var nodeDeallocationOption: NodeDeallocationOption?
    public init(
        nodeList: [String], resizeTimeout: Duration? = nil, nodeDeallocationOption: NodeDeallocationOption? = nil
    ) {
        self.nodeList = nodeList
        self.resizeTimeout = resizeTimeout
        self.nodeDeallocationOption = nodeDeallocationOption
    }
}
