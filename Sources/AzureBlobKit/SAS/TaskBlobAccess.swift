import AzureKitCore
import AzureKitSigning
import Foundation

/// The least access one task needs: read its input blob, create and write its output, until a short expiry.
///
/// This replaces the original job's account key baked into the image: a leaked task URL exposes one input
/// for reading and one output location for writing, for a few hours.
///
/// ```swift
/// let issuer = try await service.sasIssuer(validFor: .seconds(6 * 3600))
/// let access = try issuer.taskAccess(
///     input: BlobURL(parsing: "wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2"),
///     output: .blob(BlobURL(parsing: "wasbs://demo@acct.blob.core.windows.net/aggregated/airlines/2007.parquet")),
///     lifetime: .seconds(2 * 3600))
/// // Give access.inputURL and access.outputURL to the task (as secrets, e.g. task environment settings).
/// ```
public struct TaskBlobAccess: Sendable, CustomStringConvertible {
    /// Where a task may write.
    public enum OutputScope: Sendable {
        /// Exactly one blob (`sr=b`, permissions `cw`): the tightest scope, right for one output file.
        case blob(BlobURL)
        /// Any blob under a prefix. A service SAS cannot name a prefix on a flat-namespace account (directory SAS,
        /// `sr=d`, needs hierarchical namespace), so this is a container SAS with create + write only: the task can
        /// add and overwrite blobs anywhere in the container, but not read, list or delete them. Prefer `.blob`.
        case prefix(BlobURL, String)
    }

    /// The input blob with a read-only SAS.
    public let input: BlobURL
    /// The output blob, or the output container, with a create + write SAS.
    public let output: BlobURL
    /// The prefix under which the task should write when the output is a container.
    public let outputPrefix: String?
    /// When both tokens stop working.
    public let expiresOn: Date

    /// The input URL including its SAS (a secret).
    public var inputURL: URL { input.urlWithSAS }
    /// The output URL including its SAS (a secret).
    public var outputURL: URL { output.urlWithSAS }

    public var description: String {
        "TaskBlobAccess(input: \(input) [r], output: \(output)\(outputPrefix.map { " prefix \($0)" } ?? "") [cw], expires \(AzureDateFormat.iso8601(expiresOn)))"
    }
}

extension BlobSASIssuer {
    /// Issues a read-only SAS for `input` and a create + write SAS for `output`, both expiring after `lifetime`.
    /// - Throws: ``AzureKitCore/AzureClientError`` when `input` is not a blob, the scopes are malformed, or the
    ///   expiry is past the user delegation key's.
    public func taskAccess(
        input: BlobURL, output: TaskBlobAccess.OutputScope, lifetime: Duration = .seconds(2 * 3600),
        now: Date = Date()
    ) throws -> TaskBlobAccess {
        guard input.blobName != nil else {
            throw AzureClientError(.invalidArgument, "task input '\(input)' is not a blob")
        }
        let expiry = now.addingTimeInterval(lifetime.timeInterval)
        let start = now.addingTimeInterval(-300)
        let signedInput = try url(for: input, permissions: .read, start: start, expiry: expiry)
        switch output {
        case .blob(let blob):
            guard blob.blobName != nil else {
                throw AzureClientError(.invalidArgument, "task output '\(blob)' is not a blob")
            }
            let signed = try url(for: blob, permissions: [.create, .write], start: start, expiry: expiry)
            return TaskBlobAccess(input: signedInput, output: signed, outputPrefix: nil, expiresOn: expiry)
        case .prefix(let location, let prefix):
            guard let container = location.containerName else {
                throw AzureClientError(.invalidArgument, "task output '\(location)' names no container")
            }
            let containerURL = try BlobURL(endpoint: location.endpoint, containerName: container)
            let signed = try url(for: containerURL, permissions: [.create, .write], start: start, expiry: expiry)
            return TaskBlobAccess(input: signedInput, output: signed, outputPrefix: prefix, expiresOn: expiry)
        }
    }
}
