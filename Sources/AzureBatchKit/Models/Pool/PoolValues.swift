import AzureKitCore

// Values that describe pools and their nodes' configuration.
// Extensible: a value the service adds later decodes and round-trips unchanged.

/// A pool's lifecycle state.
public struct PoolState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active: PoolState = "active"
    public static let deleting: PoolState = "deleting"
    public static let known: [PoolState] = [.active, .deleting]
}

/// Whether a pool is resizing.
public struct AllocationState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let steady: AllocationState = "steady"
    public static let resizing: AllocationState = "resizing"
    public static let stopping: AllocationState = "stopping"
    public static let known: [AllocationState] = [.steady, .resizing, .stopping]
}

/// How tasks are spread over a pool's nodes.
public struct NodeFillType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let spread: NodeFillType = "spread"
    public static let pack: NodeFillType = "pack"
    public static let known: [NodeFillType] = [.spread, .pack]
}

/// Order in which a pool schedules tasks from jobs of equal priority.
public struct JobDefaultOrder: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `none`: JobDefaultOrder = "none"
    public static let creationTime: JobDefaultOrder = "creationTime"
    public static let known: [JobDefaultOrder] = [.`none`, .creationTime]
}

/// The container technology a pool's nodes run.
public struct ContainerType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let dockerCompatible: ContainerType = "dockerCompatible"
    public static let criCompatible: ContainerType = "criCompatible"
    public static let known: [ContainerType] = [.dockerCompatible, .criCompatible]
}

/// What happens to running tasks when nodes leave a pool.
public struct NodeDeallocationOption: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let requeue: NodeDeallocationOption = "requeue"
    public static let terminate: NodeDeallocationOption = "terminate"
    public static let taskCompletion: NodeDeallocationOption = "taskcompletion"
    public static let retainedData: NodeDeallocationOption = "retaineddata"
    public static let known: [NodeDeallocationOption] = [.requeue, .terminate, .taskCompletion, .retainedData]
}

/// Where a pool's nodes are placed.
public struct NodePlacementPolicy: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let regional: NodePlacementPolicy = "regional"
    public static let zonal: NodePlacementPolicy = "zonal"
    public static let known: [NodePlacementPolicy] = [.regional, .zonal]
}

/// How long an auto pool lives.
public struct PoolLifetimeOption: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let jobSchedule: PoolLifetimeOption = "jobschedule"
    public static let job: PoolLifetimeOption = "job"
    public static let known: [PoolLifetimeOption] = [.jobSchedule, .job]
}

/// An image's operating system family.
public struct OSType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let linux: OSType = "linux"
    public static let windows: OSType = "windows"
    public static let known: [OSType] = [.linux, .windows]
}

/// Whether Batch verified an image.
public struct ImageVerificationType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let verified: ImageVerificationType = "verified"
    public static let unverified: ImageVerificationType = "unverified"
    public static let known: [ImageVerificationType] = [.verified, .unverified]
}

/// Scope of dynamic VNet assignment.
public struct DynamicVNetAssignmentScope: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `none`: DynamicVNetAssignmentScope = "none"
    public static let job: DynamicVNetAssignmentScope = "job"
    public static let known: [DynamicVNetAssignmentScope] = [.`none`, .job]
}

/// How a pool's public IP addresses are provisioned.
public struct IPAddressProvisioningType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let batchManaged: IPAddressProvisioningType = "batchmanaged"
    public static let userManaged: IPAddressProvisioningType = "usermanaged"
    public static let noPublicIPAddresses: IPAddressProvisioningType = "nopublicipaddresses"
    public static let known: [IPAddressProvisioningType] = [.batchManaged, .userManaged, .noPublicIPAddresses]
}

/// Disk caching mode.
public struct CachingType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `none`: CachingType = "none"
    public static let readOnly: CachingType = "readonly"
    public static let readWrite: CachingType = "readwrite"
    public static let known: [CachingType] = [.`none`, .readOnly, .readWrite]
}

/// Managed disk storage type.
public struct StorageAccountType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let standardLrs: StorageAccountType = "standard_lrs"
    public static let premiumLrs: StorageAccountType = "premium_lrs"
    public static let standardssdLrs: StorageAccountType = "standardssd_lrs"
    public static let known: [StorageAccountType] = [.standardLrs, .premiumLrs, .standardssdLrs]
}
