/// The VM image and node agent (keeps any container configuration already set).
public struct Image: PoolComponent {
    public var reference: ImageReference
    public var nodeAgent: NodeAgentSKU
    public init(_ reference: ImageReference, nodeAgent: NodeAgentSKU) {
        self.reference = reference
        self.nodeAgent = nodeAgent
    }
    /// Ubuntu 24.04 with Docker preinstalled: the default for container pools.
    public static let ubuntu2404Containers = Image(.ubuntu2404Containers, nodeAgent: .ubuntu2404)

    public func apply(to pool: inout PoolSpecification) {
        var configuration =
            pool.virtualMachineConfiguration
            ?? VirtualMachineConfiguration(imageReference: reference, nodeAgentSKUId: nodeAgent)
        configuration.imageReference = reference
        configuration.nodeAgentSKUId = nodeAgent
        pool.virtualMachineConfiguration = configuration
    }
}

/// Makes the pool container-capable: pre-pulled images and registries. Without an ``Image`` the pool uses
/// ``ImageReference/ubuntu2404Containers``.
public struct Containers: PoolComponent {
    public var type: ContainerType
    public var images: [String]
    public var registries: [ContainerRegistry]
    public init(type: ContainerType = .dockerCompatible, images: [String] = [], registries: [ContainerRegistry] = []) {
        self.type = type
        self.images = images
        self.registries = registries
    }

    public func apply(to pool: inout PoolSpecification) {
        var configuration = pool.virtualMachineConfiguration ?? .containerHost()
        var containers = configuration.containerConfiguration ?? ContainerConfiguration(type: type)
        containers.type = type
        if !images.isEmpty { containers.containerImageNames = (containers.containerImageNames ?? []) + images }
        if !registries.isEmpty { containers.containerRegistries = (containers.containerRegistries ?? []) + registries }
        configuration.containerConfiguration = containers
        pool.virtualMachineConfiguration = configuration
    }
}

/// A container registry for the pool (adds to ``Containers``' registries). Accepts any ``ContainerRegistry``.
extension ContainerRegistry: PoolComponent {
    public func apply(to pool: inout PoolSpecification) { Containers(registries: [self]).apply(to: &pool) }
}

/// Attaches a user-assigned managed identity to the pool, for tasks that reach Storage or other services with it.
/// Identities that a registry, mount or resource file references are attached without this.
///
/// Only ``BatchManagementClient`` can create such a pool: the data plane has no way to attach an identity.
public struct ManagedIdentity: PoolComponent {
    public var resourceID: String
    public init(_ resourceID: String) { self.resourceID = resourceID }
    public func apply(to pool: inout PoolSpecification) {
        pool.userAssignedIdentities = (pool.userAssignedIdentities ?? []) + [resourceID]
    }
}

/// A fixed pool size: dedicated and Spot (low-priority) nodes. Turns autoscaling off.
public struct Nodes: PoolComponent {
    public var dedicated: Int
    public var spot: Int
    public init(dedicated: Int = 0, spot: Int = 0) {
        self.dedicated = max(0, dedicated)
        self.spot = max(0, spot)
    }
    public func apply(to pool: inout PoolSpecification) {
        pool.targetDedicatedNodes = dedicated
        pool.targetLowPriorityNodes = spot
        pool.enableAutoScale = nil
        pool.autoScaleFormula = nil
        pool.autoScaleEvaluationInterval = nil
    }
}

/// Sizes the pool with an autoscale formula (see ``AutoScaleFormula``) instead of fixed targets.
public struct AutoScale: PoolComponent {
    public var formula: AutoScaleFormula
    public var interval: Duration
    /// - Parameter interval: how often the formula runs, 5 minutes to 168 hours.
    public init(_ formula: AutoScaleFormula, every interval: Duration = .seconds(300)) {
        self.formula = formula
        self.interval = interval
    }
    public func apply(to pool: inout PoolSpecification) {
        pool.enableAutoScale = true
        pool.autoScaleFormula = formula.text
        pool.autoScaleEvaluationInterval = interval
        pool.targetDedicatedNodes = nil
        pool.targetLowPriorityNodes = nil
    }
}

/// Concurrent task slots per node (default 1, at most 4 × cores and 256).
public struct TaskSlots: PoolComponent {
    public var perNode: Int
    public var fill: NodeFillType?
    public init(_ perNode: Int, fill: NodeFillType? = nil) {
        self.perNode = perNode
        self.fill = fill
    }
    public func apply(to pool: inout PoolSpecification) {
        pool.taskSlotsPerNode = perNode
        if let fill { pool.taskSchedulingPolicy = TaskSchedulingPolicy(nodeFillType: fill) }
    }
}

extension StartTask: PoolComponent {
    public func apply(to pool: inout PoolSpecification) { pool.startTask = self }
}

extension NetworkConfiguration: PoolComponent {
    public func apply(to pool: inout PoolSpecification) { pool.networkConfiguration = self }
}

extension MountConfiguration: PoolComponent {
    public func apply(to pool: inout PoolSpecification) {
        pool.mountConfiguration = (pool.mountConfiguration ?? []) + [self]
    }
}

extension TaskSchedulingPolicy: PoolComponent {
    public func apply(to pool: inout PoolSpecification) { pool.taskSchedulingPolicy = self }
}

/// A name/value pair for the pool or job's `metadata`.
extension MetadataItem: PoolComponent, JobComponent {
    public func apply(to pool: inout PoolSpecification) { pool.metadata = (pool.metadata ?? []) + [self] }
    public func apply(to job: inout JobSpecification) { job.metadata = (job.metadata ?? []) + [self] }
}

/// A display name for a pool, job or task.
public struct DisplayName: PoolComponent, JobComponent, TaskComponent {
    public var name: String
    public init(_ name: String) { self.name = name }
    public func apply(to pool: inout PoolSpecification) { pool.displayName = name }
    public func apply(to job: inout JobSpecification) { job.displayName = name }
    public func apply(to task: inout TaskSpecification) { task.displayName = name }
}
