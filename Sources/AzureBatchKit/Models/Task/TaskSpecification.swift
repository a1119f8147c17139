#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A task to add to a job (`BatchTaskCreateOptions` on the wire).
///
/// ```swift
/// let task = TaskSpecification(id: "year-2007",
///                              command: TaskCommandLine(["/app/AirlineAnalytics", "--input", input, "--output", output]))
/// ```
public struct TaskSpecification: Codable, Hashable, Sendable {
    /// Unique in the job, at most 64 letters, digits, `-` and `_`; compared ignoring case.
    public var id: String
    public var displayName: String?
    /// Not run in a shell: the agent splits it into words. Build it with ``TaskCommandLine`` to get the quoting right.
    public var commandLine: String
    public var containerSettings: TaskContainerSettings?
    public var exitConditions: ExitConditions?
    public var resourceFiles: [ResourceFile]?
    public var outputFiles: [OutputFile]?
    public var environmentSettings: [EnvironmentSetting]?
    public var affinityInfo: AffinityInfo?
    public var constraints: TaskConstraints?
    /// Scheduling slots the task takes on a node (default 1).
    public var requiredSlots: Int?
    public var userIdentity: UserIdentity?
    public var multiInstanceSettings: MultiInstanceSettings?
    public var dependsOn: TaskDependencies?
    public var applicationPackageReferences: [ApplicationPackageReference]?

    public init(
        id: String, displayName: String? = nil, commandLine: String, containerSettings: TaskContainerSettings? = nil,
        exitConditions: ExitConditions? = nil, resourceFiles: [ResourceFile]? = nil, outputFiles: [OutputFile]? = nil,
        environmentSettings: [EnvironmentSetting]? = nil, affinityInfo: AffinityInfo? = nil,
        constraints: TaskConstraints? = nil, requiredSlots: Int? = nil, userIdentity: UserIdentity? = nil,
        multiInstanceSettings: MultiInstanceSettings? = nil, dependsOn: TaskDependencies? = nil,
        applicationPackageReferences: [ApplicationPackageReference]? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.commandLine = commandLine
        self.containerSettings = containerSettings
        self.exitConditions = exitConditions
        self.resourceFiles = resourceFiles
        self.outputFiles = outputFiles
        self.environmentSettings = environmentSettings
        self.affinityInfo = affinityInfo
        self.constraints = constraints
        self.requiredSlots = requiredSlots
        self.userIdentity = userIdentity
        self.multiInstanceSettings = multiInstanceSettings
        self.dependsOn = dependsOn
        self.applicationPackageReferences = applicationPackageReferences
    }
}

/// The body of Add Task Collection: at most 100 tasks.
public struct TaskCollection: Codable, Hashable, Sendable {
    public var value: [TaskSpecification]
    public init(value: [TaskSpecification]) { self.value = value }
}

/// The outcome of one task in an Add Task Collection call; results are not in request order.
public struct TaskAddResult: Codable, Hashable, Sendable {
    public var status: TaskAddStatus
    public var taskId: String
    public var eTag: String?
    @BatchTimestamp public var lastModified: Date?
    public var location: String?
    public var error: BatchErrorBody?

    public init(
        status: TaskAddStatus, taskId: String, eTag: String? = nil, lastModified: Date? = nil,
        location: String? = nil, error: BatchErrorBody? = nil
    ) {
        self.status = status
        self.taskId = taskId
        self.eTag = eTag
        self.lastModified = lastModified
        self.location = location
        self.error = error
    }
}

/// The body of Add Task Collection's response.
public struct TaskAddCollectionResult: Codable, Hashable, Sendable {
    public var value: [TaskAddResult]
    public init(value: [TaskAddResult]) { self.value = value }
}
