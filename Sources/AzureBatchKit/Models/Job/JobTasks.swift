/// A task that starts with the job and may control it.
public struct JobManagerTask: Codable, Hashable, Sendable {
    public var id: String
    public var displayName: String?
    public var commandLine: String
    public var containerSettings: TaskContainerSettings?
    public var resourceFiles: [ResourceFile]?
    public var outputFiles: [OutputFile]?
    public var environmentSettings: [EnvironmentSetting]?
    public var constraints: TaskConstraints?
    public var requiredSlots: Int?
    public var killJobOnCompletion: Bool?
    public var userIdentity: UserIdentity?
    public var runExclusive: Bool?
    public var applicationPackageReferences: [ApplicationPackageReference]?
    public var allowLowPriorityNode: Bool?

    public init(
        id: String, commandLine: String, containerSettings: TaskContainerSettings? = nil,
        resourceFiles: [ResourceFile]? = nil, environmentSettings: [EnvironmentSetting]? = nil,
        constraints: TaskConstraints? = nil, requiredSlots: Int? = nil, killJobOnCompletion: Bool? = nil,
        userIdentity: UserIdentity? = nil, runExclusive: Bool? = nil
    ) {
        self.id = id
        self.commandLine = commandLine
        self.containerSettings = containerSettings
        self.resourceFiles = resourceFiles
        self.environmentSettings = environmentSettings
        self.constraints = constraints
        self.requiredSlots = requiredSlots
        self.killJobOnCompletion = killJobOnCompletion
        self.userIdentity = userIdentity
        self.runExclusive = runExclusive
    }
}

/// Runs on each node before the job's first task there.
public struct JobPreparationTask: Codable, Hashable, Sendable {
    public var id: String?
    public var commandLine: String
    public var containerSettings: TaskContainerSettings?
    public var resourceFiles: [ResourceFile]?
    public var environmentSettings: [EnvironmentSetting]?
    public var constraints: TaskConstraints?
    public var waitForSuccess: Bool?
    public var userIdentity: UserIdentity?
    public var rerunOnNodeRebootAfterSuccess: Bool?

    public init(
        id: String? = nil, commandLine: String, containerSettings: TaskContainerSettings? = nil,
        environmentSettings: [EnvironmentSetting]? = nil, waitForSuccess: Bool? = nil,
        userIdentity: UserIdentity? = nil
    ) {
        self.id = id
        self.commandLine = commandLine
        self.containerSettings = containerSettings
        self.environmentSettings = environmentSettings
        self.waitForSuccess = waitForSuccess
        self.userIdentity = userIdentity
    }
}

/// Runs on each node that ran the job's tasks when the job ends.
public struct JobReleaseTask: Codable, Hashable, Sendable {
    public var id: String?
    public var commandLine: String
    public var containerSettings: TaskContainerSettings?
    public var resourceFiles: [ResourceFile]?
    public var environmentSettings: [EnvironmentSetting]?
    /// At most 15 minutes.
    @ISO8601Duration public var maxWallClockTime: Duration?
    @ISO8601Duration public var retentionTime: Duration?
    public var userIdentity: UserIdentity?

    public init(
        id: String? = nil, commandLine: String, containerSettings: TaskContainerSettings? = nil,
        maxWallClockTime: Duration? = nil, userIdentity: UserIdentity? = nil
    ) {
        self.id = id
        self.commandLine = commandLine
        self.containerSettings = containerSettings
        self.maxWallClockTime = maxWallClockTime
        self.userIdentity = userIdentity
    }
}
