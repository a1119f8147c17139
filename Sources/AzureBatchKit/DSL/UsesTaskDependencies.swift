/// Turns on task dependencies for the job (`usesTaskDependencies`), which Batch requires before any task may have
/// `dependsOn` or a `dependencyAction`; ``MapMergeJob`` sets it itself.
///
/// ```swift
/// let job = JobSpecification(id: "render", pool: "p") { UsesTaskDependencies() }
/// ```
public struct UsesTaskDependencies: JobComponent {
    public init() {}
    public func apply(to job: inout JobSpecification) { job.usesTaskDependencies = true }
}
