/// A task graph that Batch would reject, or that could never finish: found before anything runs or is sent.
///
/// ```swift
/// do { _ = try TaskDependencyGraph(tasks: tasks, usesTaskDependencies: job.usesTaskDependencies ?? false) }
/// catch let error as TaskDependencyError where error.kind == .cycle { print(error.taskIDs) }
/// ```
public struct TaskDependencyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of problem (extensible string-backed value); the first two carry Batch's own error codes.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A task has `dependsOn` or a `dependencyAction` but the job's `usesTaskDependencies` is not true.
        public static let notSpecifiedOnJob = Kind(rawValue: "TaskDependenciesNotSpecifiedOnJob")
        /// A task's `dependsOn.taskIds` add up to more than ``TaskDependencyGraph/maxTaskIDCharacters`` characters.
        public static let listTooLong = Kind(rawValue: "TaskDependencyListTooLong")
        /// A `dependsOn.taskIds` entry names no task of the job.
        public static let unknownTask = Kind(rawValue: "unknownTask")
        /// A task id range has `start` after `end`, or selects no task of the job.
        public static let invalidRange = Kind(rawValue: "invalidRange")
        /// Two tasks share an id (Batch compares ids ignoring case).
        public static let duplicateTaskID = Kind(rawValue: "duplicateTaskID")
        /// Tasks wait for each other in a circle, so none of them could ever start.
        public static let cycle = Kind(rawValue: "cycle")
    }

    public var kind: Kind
    /// The task whose dependencies are wrong; for ``Kind/cycle``, the tasks of the circle in order.
    public var taskIDs: [String]
    /// What is wrong, naming the offending id or range.
    public var message: String

    public init(_ kind: Kind, taskIDs: [String], message: String) {
        self.kind = kind
        self.taskIDs = taskIDs
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }
}
