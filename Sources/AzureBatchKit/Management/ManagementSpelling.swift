import AzureKitCore

/// A data-plane value the management plane spells differently: `Spread` for `spread`, `TaskCompletion` for
/// `taskcompletion`, `Standard_LRS` for `standard_lrs`.
public protocol ManagementSpellable: ExtensibleStringValue {
    /// The management plane's spellings of the known values.
    static var managementSpellings: [String] { get }
}

/// A value of the management-plane pool model: compares as the data-plane value (so `.spread` matches the
/// service's `"Spread"`), encodes in the management plane's spelling, and keeps a value it has never heard of.
///
/// ```swift
/// let fill = ManagementValue(NodeFillType.pack)
/// fill.value == .pack          // true
/// fill.wireValue               // "Pack"
/// ```
public struct ManagementValue<Value: ManagementSpellable>: Codable, Hashable, Sendable, CustomStringConvertible {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public init(from decoder: any Decoder) throws {
        value = Value(normalizing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }

    /// The spelling sent to the management plane; an unknown value is sent as it is.
    public var wireValue: String {
        let lowered = value.rawValue.lowercased()
        return Value.managementSpellings.first { $0.lowercased() == lowered } ?? value.rawValue
    }

    public var description: String { wireValue }
}

extension NodeFillType: ManagementSpellable { public static var managementSpellings: [String] { ["Spread", "Pack"] } }
extension ContainerType: ManagementSpellable {
    public static var managementSpellings: [String] { ["DockerCompatible", "CriCompatible"] }
}
extension NodeDeallocationOption: ManagementSpellable {
    public static var managementSpellings: [String] { ["Requeue", "Terminate", "TaskCompletion", "RetainedData"] }
}
extension NodePlacementPolicy: ManagementSpellable {
    public static var managementSpellings: [String] { ["Regional", "Zonal"] }
}
extension CachingType: ManagementSpellable {
    public static var managementSpellings: [String] { ["None", "ReadOnly", "ReadWrite"] }
}
extension StorageAccountType: ManagementSpellable {
    public static var managementSpellings: [String] { ["Standard_LRS", "Premium_LRS", "StandardSSD_LRS"] }
}
extension IPAddressProvisioningType: ManagementSpellable {
    public static var managementSpellings: [String] { ["BatchManaged", "UserManaged", "NoPublicIPAddresses"] }
}
// The management plane keeps these lower case.
extension DynamicVNetAssignmentScope: ManagementSpellable {
    public static var managementSpellings: [String] { ["none", "job"] }
}
extension AutoUserScope: ManagementSpellable { public static var managementSpellings: [String] { ["Task", "Pool"] } }
extension ElevationLevel: ManagementSpellable {
    public static var managementSpellings: [String] { ["NonAdmin", "Admin"] }
}
extension ContainerWorkingDirectory: ManagementSpellable {
    public static var managementSpellings: [String] { ["TaskWorkingDirectory", "ContainerImageDefault"] }
}
extension ContainerHostDataPath: ManagementSpellable {
    public static var managementSpellings: [String] {
        ["Shared", "Startup", "VfsMounts", "Task", "JobPrep", "Applications"]
    }
}
extension AllocationState: ManagementSpellable {
    public static var managementSpellings: [String] { ["Steady", "Resizing", "Stopping"] }
}

/// A pool's state in the management plane (`provisioningState`).
public struct PoolProvisioningState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let succeeded: PoolProvisioningState = "Succeeded"
    public static let deleting: PoolProvisioningState = "Deleting"
    public static let known: [PoolProvisioningState] = [.succeeded, .deleting]
}

/// Whether a pool's nodes may talk to each other (`interNodeCommunication`).
public struct InterNodeCommunicationState: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let enabled: InterNodeCommunicationState = "Enabled"
    public static let disabled: InterNodeCommunicationState = "Disabled"
    public static let known: [InterNodeCommunicationState] = [.enabled, .disabled]
}

/// The kind of identity a pool has (`identity.type`).
public struct PoolIdentityType: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let userAssigned: PoolIdentityType = "UserAssigned"
    public static let `none`: PoolIdentityType = "None"
    public static let known: [PoolIdentityType] = [.userAssigned, .none]
}
