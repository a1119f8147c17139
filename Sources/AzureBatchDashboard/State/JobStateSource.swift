import AzureBatchKit
import Foundation

/// Where a dashboard reads a job's state: ``BatchJobStateSource`` (Azure Batch) or ``LocalJobStateSource``
/// (``AzureBatchKit/LocalBatchRunner``). The dashboard calls ``refresh()`` on its own schedule; a source
/// decides how much each call costs (the Batch source reads each resource at most every few seconds).
///
/// ```swift
/// struct Replayed: JobStateSource {
///     let state: JobSnapshot
///     func refresh() async throws -> JobSnapshot { state }
///     func stderrTail(task: String, maxBytes: Int) async throws -> String { "" }
/// }
/// ```
public protocol JobStateSource: Sendable {
    /// The job's state now. Errors are shown on the page and the previous state is kept.
    func refresh() async throws -> JobSnapshot
    /// The end of a task's `stderr.txt`, redacted (for a failed task's row and the report).
    func stderrTail(task taskID: String, maxBytes: Int) async throws -> String
}
