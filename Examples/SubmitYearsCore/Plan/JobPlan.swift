import AzureBatchKit
import Foundation

/// The pool, job and task specifications of the original job, built once and used unchanged by both the
/// local runner and Azure Batch: only the input and output locations differ (local files vs per-task SAS URLs).
///
/// ```swift
/// let plan = JobPlan(image: "myregistry.azurecr.io/airline-analytics:1.0", jobID: "airlines-2026-11-25-10-00-00")
/// let task = plan.task(year: 2007, input: inputURL, output: outputURL)
/// // task.commandLine == "AirlineAnalytics --input … --output … --progress lines"
/// ```
public struct JobPlan: Sendable {
    /// The command every task runs: on PATH in the container image (`/usr/local/bin`), and on the local runner's
    /// PATH in local mode.
    public static let program = "AirlineAnalytics"

    public var poolID: String
    public var jobID: String
    /// The container image the tasks run in (pulled by the pool's nodes).
    public var image: String
    public var vmSize: VMSize
    /// Spot (low-priority) nodes of a fixed-size pool.
    public var spotNodes: Int
    /// Scale to pending tasks and back to zero after this many idle minutes, instead of a fixed size.
    public var autoscaleIdleMinutes: Int?
    /// How the nodes log in to the registry (`nil` for a public image).
    public var registry: ContainerRegistry?
    /// How long one task may run before Batch kills it.
    public var taskTimeLimit: Duration
    /// Keyless mode: the user-assigned identity attached to the pool, which its nodes pull and read/write blobs with.
    public var poolIdentity: String?

    public init(
        poolID: String = "airlines", jobID: String, image: String, vmSize: VMSize = VMSize(rawValue: "Standard_E2s_v3"),
        spotNodes: Int = 3, autoscaleIdleMinutes: Int? = nil, registry: ContainerRegistry? = nil,
        taskTimeLimit: Duration = .seconds(2 * 3600), poolIdentity: String? = nil
    ) {
        self.poolID = poolID
        self.jobID = jobID
        self.image = image
        self.vmSize = vmSize
        self.spotNodes = spotNodes
        self.autoscaleIdleMinutes = autoscaleIdleMinutes
        self.registry = registry
        self.taskTimeLimit = taskTimeLimit
        self.poolIdentity = poolIdentity
    }

    /// A job id like the original's, from the start time: `airlines-2026-11-25-10-04-59`.
    public static func jobID(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        return
            "airlines-\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day))-\(two(parts.hour))-\(two(parts.minute))-\(two(parts.second))"
    }

    /// The task id for a year, as in the original script.
    public static func taskID(year: Int) -> String { "airlines\(year)" }

    /// A container-capable Ubuntu 24.04 pool of Spot nodes (or autoscaled to zero when idle).
    public var pool: PoolSpecification {
        PoolSpecification(id: poolID, vmSize: vmSize) {
            Image.ubuntu2404Containers
            Containers(images: [image], registries: registry.map { [$0] } ?? [])
            if let poolIdentity { ManagedIdentity(poolIdentity) }
            if let minutes = autoscaleIdleMinutes {
                AutoScale(.scaleToZeroWhenIdle(afterMinutes: minutes, maxNodes: max(1, spotNodes)))
            } else {
                Nodes(spot: spotNodes)
            }
        }
    }

    /// The job; ``jobCompletion`` is applied once every task has been added (a job with no tasks yet would
    /// otherwise terminate at once).
    public var job: JobSpecification {
        JobSpecification(id: jobID, pool: poolID) {
            DisplayName("Airline on-time aggregation")
        }
    }

    /// Terminate the job when all its tasks are complete.
    public var jobCompletion: JobUpdate {
        var update = JobUpdate()
        update.onAllTasksComplete = .terminateJob
        return update
    }

    /// One year's task: AirlineAnalytics in the container, reading `input` and writing `output`; keyless tasks
    /// name the pool identity's client id, which the node's metadata endpoint issues Storage tokens for.
    public func task(year: Int, input: String, output: String, identityClientID: String? = nil) -> TaskSpecification {
        let identity = identityClientID.map { ["--identity-client-id", $0] } ?? []
        return TaskSpecification(
            id: Self.taskID(year: year),
            command: TaskCommandLine(
                [Self.program, "--input", input, "--output", output, "--progress", "lines"] + identity)
        ) {
            DisplayName("Airlines \(year)")
            Container(image: image, runOptions: "--rm")
            MaxWallClockTime(taskTimeLimit)
        }
    }
}
