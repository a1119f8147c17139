/// A pool as the Batch management plane describes it (ARM resource `Microsoft.Batch/batchAccounts/pools`,
/// api-version 2024-07-01): the only place a pool gets a user-assigned managed ``Identity``.
///
/// Its property names differ from the data plane's (`deploymentConfiguration.virtualMachineConfiguration`,
/// `scaleSettings.fixedScale`/`autoScale`, `nodeAgentSkuId`, `interNodeCommunication`, PascalCase values), so
/// you do not build it by hand: ``init(_:account:)`` derives it from the same ``PoolSpecification`` the data plane
/// takes. Read-only properties come back from the service; properties this SDK does not model are ignored when
/// decoding, so a newer service never breaks an older client.
///
/// ```swift
/// let spec = PoolSpecification(id: "airlines", vmSize: .standardE2sV3) {
///     Containers(images: [image], registries: [.managedIdentity("myregistry.azurecr.io", resourceID: identityID)])
///     Nodes(spot: 3)
/// }
/// let body = try ManagementPool(spec, account: account)   // identity.userAssignedIdentities = [identityID]
/// ```
public struct ManagementPool: Codable, Hashable, Sendable {
    /// The ARM id (read-only).
    public var id: String?
    /// The pool id (read-only; the URL names it on create).
    public var name: String?
    public var type: String?
    public var etag: String?
    public var identity: Identity?
    public var properties: Properties

    public init(properties: Properties, identity: Identity? = nil) {
        self.properties = properties
        self.identity = identity
    }

    /// The pool's managed identities (`identity`).
    public struct Identity: Codable, Hashable, Sendable {
        public var type: PoolIdentityType
        /// Keyed by the identities' ARM resource ids; the service fills in each one's client and principal id.
        public var userAssignedIdentities: [String: UserAssignedIdentity]?

        public init(type: PoolIdentityType, userAssignedIdentities: [String: UserAssignedIdentity]? = nil) {
            self.type = type
            self.userAssignedIdentities = userAssignedIdentities
        }

        /// User-assigned identities by resource id.
        public static func userAssigned(_ resourceIDs: [String]) -> Identity {
            Identity(
                type: .userAssigned,
                userAssignedIdentities: Dictionary(
                    resourceIDs.map { ($0, UserAssignedIdentity()) }, uniquingKeysWith: { first, _ in first }))
        }

        /// The client id the service reports for `resourceID` (ids compare ignoring case).
        public func clientID(of resourceID: String) -> String? {
            userAssignedIdentities?.first { $0.key.lowercased() == resourceID.lowercased() }?.value.clientId
        }
    }

    /// One attached identity; both ids are read-only.
    public struct UserAssignedIdentity: Codable, Hashable, Sendable {
        public var principalId: String?
        public var clientId: String?
        public init(principalId: String? = nil, clientId: String? = nil) {
            self.principalId = principalId
            self.clientId = clientId
        }
    }

    /// `properties`.
    public struct Properties: Codable, Hashable, Sendable {
        public var displayName: String?
        public var vmSize: VMSize?
        public var deploymentConfiguration: DeploymentConfiguration?
        public var scaleSettings: ScaleSettings?
        public var interNodeCommunication: InterNodeCommunicationState?
        public var networkConfiguration: NetworkConfiguration?
        public var taskSlotsPerNode: Int?
        public var taskSchedulingPolicy: TaskSchedulingPolicy?
        public var userAccounts: [UserAccount]?
        public var metadata: [MetadataItem]?
        public var startTask: StartTask?
        public var applicationPackages: [ApplicationPackageReference]?
        public var mountConfiguration: [MountConfiguration]?
        // Read-only.
        public var provisioningState: PoolProvisioningState?
        public var allocationState: ManagementValue<AllocationState>?
        public var currentDedicatedNodes: Int?
        public var currentLowPriorityNodes: Int?
        public var creationTime: String?
        public var lastModified: String?

        public init(vmSize: VMSize) { self.vmSize = vmSize }
    }

    /// `deploymentConfiguration`.
    public struct DeploymentConfiguration: Codable, Hashable, Sendable {
        public var virtualMachineConfiguration: VirtualMachineConfiguration?
        public init(virtualMachineConfiguration: VirtualMachineConfiguration?) {
            self.virtualMachineConfiguration = virtualMachineConfiguration
        }
    }

    /// `scaleSettings`: exactly one of the two.
    public struct ScaleSettings: Codable, Hashable, Sendable {
        public var fixedScale: FixedScale?
        public var autoScale: AutoScale?
        public init(fixedScale: FixedScale? = nil, autoScale: AutoScale? = nil) {
            self.fixedScale = fixedScale
            self.autoScale = autoScale
        }
    }

    public struct FixedScale: Codable, Hashable, Sendable {
        @ISO8601Duration public var resizeTimeout: Duration?
        public var targetDedicatedNodes: Int?
        public var targetLowPriorityNodes: Int?
        public var nodeDeallocationOption: ManagementValue<NodeDeallocationOption>?
        public init(
            resizeTimeout: Duration? = nil, targetDedicatedNodes: Int? = nil, targetLowPriorityNodes: Int? = nil,
            nodeDeallocationOption: NodeDeallocationOption? = nil
        ) {
            self.resizeTimeout = resizeTimeout
            self.targetDedicatedNodes = targetDedicatedNodes
            self.targetLowPriorityNodes = targetLowPriorityNodes
            self.nodeDeallocationOption = nodeDeallocationOption.map(ManagementValue.init)
        }
    }

    public struct AutoScale: Codable, Hashable, Sendable {
        public var formula: String
        @ISO8601Duration public var evaluationInterval: Duration?
        public init(formula: String, evaluationInterval: Duration? = nil) {
            self.formula = formula
            self.evaluationInterval = evaluationInterval
        }
    }

    public struct TaskSchedulingPolicy: Codable, Hashable, Sendable {
        public var nodeFillType: ManagementValue<NodeFillType>
        public init(nodeFillType: NodeFillType) { self.nodeFillType = ManagementValue(nodeFillType) }
    }

    /// `{id, version}`: the application's full ARM id, unlike the data plane's bare `applicationId`.
    public struct ApplicationPackageReference: Codable, Hashable, Sendable {
        public var id: String
        public var version: String?
        public init(id: String, version: String? = nil) {
            self.id = id
            self.version = version
        }
    }
}
