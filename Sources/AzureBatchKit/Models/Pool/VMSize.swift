import AzureKitCore

/// A virtual machine size (`standard_d4s_v3`). The service compares sizes ignoring case.
public struct VMSize: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    // Sizes keep the spelling the caller used: the service accepts any case and echoes what it stored.
    public static var known: [VMSize] { [] }

    /// 2 vCPU, 16 GiB, memory optimised: the original job's size.
    public static let standardE2sV3: VMSize = "standard_e2s_v3"
    public static let standardE4sV3: VMSize = "standard_e4s_v3"
    public static let standardD2sV3: VMSize = "standard_d2s_v3"
    public static let standardD4sV3: VMSize = "standard_d4s_v3"
    public static let standardD2sV5: VMSize = "standard_d2s_v5"
    public static let standardD4sV5: VMSize = "standard_d4s_v5"
    public static let standardD4dV5: VMSize = "standard_d4d_v5"
    public static let standardE2sV5: VMSize = "standard_e2s_v5"
    public static let standardE4sV5: VMSize = "standard_e4s_v5"
    public static let standardF4sV2: VMSize = "standard_f4s_v2"

    /// Whether two sizes name the same VM size (the service ignores case).
    public func isSame(as other: VMSize) -> Bool { rawValue.lowercased() == other.rawValue.lowercased() }
}

/// The Batch node agent an image needs (`batch.node.ubuntu 24.04`).
public struct NodeAgentSKU: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static var known: [NodeAgentSKU] { [.ubuntu2404, .ubuntu2204, .windowsAMD64] }

    public static let ubuntu2404: NodeAgentSKU = "batch.node.ubuntu 24.04"
    public static let ubuntu2204: NodeAgentSKU = "batch.node.ubuntu 22.04"
    public static let windowsAMD64: NodeAgentSKU = "batch.node.windows amd64"
}
