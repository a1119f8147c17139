/// What the service does when a task exits with particular codes or errors.
public struct ExitConditions: Codable, Hashable, Sendable {
    public var exitCodes: [ExitCodeMapping]?
    public var exitCodeRanges: [ExitCodeRangeMapping]?
    public var preProcessingError: ExitOptions?
    public var fileUploadError: ExitOptions?
    public var `default`: ExitOptions?

    public init(
        exitCodes: [ExitCodeMapping]? = nil, exitCodeRanges: [ExitCodeRangeMapping]? = nil,
        preProcessingError: ExitOptions? = nil, fileUploadError: ExitOptions? = nil, default: ExitOptions? = nil
    ) {
        self.exitCodes = exitCodes
        self.exitCodeRanges = exitCodeRanges
        self.preProcessingError = preProcessingError
        self.fileUploadError = fileUploadError
        self.default = `default`
    }
}

public struct ExitCodeMapping: Codable, Hashable, Sendable {
    public var code: Int
    public var exitOptions: ExitOptions
    public init(code: Int, exitOptions: ExitOptions) {
        self.code = code
        self.exitOptions = exitOptions
    }
}

public struct ExitCodeRangeMapping: Codable, Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var exitOptions: ExitOptions
    public init(start: Int, end: Int, exitOptions: ExitOptions) {
        self.start = start
        self.end = end
        self.exitOptions = exitOptions
    }
}

public struct ExitOptions: Codable, Hashable, Sendable {
    public var jobAction: JobAction?
    public var dependencyAction: DependencyAction?
    public init(jobAction: JobAction? = nil, dependencyAction: DependencyAction? = nil) {
        self.jobAction = jobAction
        self.dependencyAction = dependencyAction
    }
}

/// Tasks this task waits for (needs the job's `usesTaskDependencies`).
public struct TaskDependencies: Codable, Hashable, Sendable {
    public var taskIds: [String]?
    public var taskIdRanges: [TaskIdRange]?
    public init(taskIds: [String]? = nil, taskIdRanges: [TaskIdRange]? = nil) {
        self.taskIds = taskIds
        self.taskIdRanges = taskIdRanges
    }
}

/// An inclusive range of numeric task ids.
public struct TaskIdRange: Codable, Hashable, Sendable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// Runs a task on several nodes at once (MPI).
public struct MultiInstanceSettings: Codable, Hashable, Sendable {
    public var numberOfInstances: Int?
    public var coordinationCommandLine: String
    public var commonResourceFiles: [ResourceFile]?
    public init(
        numberOfInstances: Int? = nil, coordinationCommandLine: String, commonResourceFiles: [ResourceFile]? = nil
    ) {
        self.numberOfInstances = numberOfInstances
        self.coordinationCommandLine = coordinationCommandLine
        self.commonResourceFiles = commonResourceFiles
    }
}

/// Schedules a task near data left by an earlier task (`affinityId` of a node).
public struct AffinityInfo: Codable, Hashable, Sendable {
    public var affinityId: String
    public init(affinityId: String) { self.affinityId = affinityId }
}
