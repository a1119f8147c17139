import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation

/// Blob locations for a graph, each with the least access its task needs, all expiring after `lifetime`:
///
/// - a map task: read (`r`) on its input blob only, and create + write (`cw`) on its own partial blob only;
/// - the merge task: read + list (`rl`) on the container holding the partial prefix (a service SAS cannot name a
///   prefix on a flat-namespace account), passed as `<container>/<prefix>/?<SAS>`, and create + write on the
///   result blob only.
public struct AzureGraphLocations: GraphLocations {
    public var issuer: BlobSASIssuer
    /// The folder partial results go to: `<output prefix>partials/<job id>/`.
    public var partialPrefix: BlobURL
    public var output: BlobURL
    public var lifetime: Duration
    public var now: Date

    public init(issuer: BlobSASIssuer, partialPrefix: BlobURL, output: BlobURL, lifetime: Duration, now: Date = Date())
    {
        self.issuer = issuer
        self.partialPrefix = partialPrefix
        self.output = output
        self.lifetime = lifetime
        self.now = now
    }

    /// The partial and result locations under `outputPrefix` for job `jobID` (no SAS).
    public static func layout(outputPrefix: String, jobID: String) throws -> (partialPrefix: BlobURL, output: BlobURL) {
        let base = outputPrefix.hasSuffix("/") ? outputPrefix : outputPrefix + "/"
        do {
            return (try BlobURL(parsing: base + "partials/\(jobID)/"), try BlobURL(parsing: base + "\(jobID).parquet"))
        } catch {
            throw SubmitYearsFailure(wrapping: error, context: "output prefix \(outputPrefix)")
        }
    }

    public func map(_ context: MapTaskContext) throws -> (input: String, partial: String) {
        let input = try BlobURL(parsing: context.split.input.location)
        let partial = try partialBlob(context.taskID)
        let access = try issuer.taskAccess(input: input, output: .blob(partial), lifetime: lifetime, now: now)
        return (access.inputURL.absoluteString, access.outputURL.absoluteString)
    }

    public func merge(_ context: MergeTaskContext) throws -> (partials: String, output: String) {
        guard let container = partialPrefix.containerName, let prefix = partialPrefix.blobName else {
            throw SubmitYearsFailure("partial prefix \(partialPrefix) names no container and folder")
        }
        let expiry = now.addingTimeInterval(lifetime.timeInterval)
        let start = now.addingTimeInterval(-300)
        let containerURL = try BlobURL(endpoint: partialPrefix.endpoint, containerName: container)
        let listing = try issuer.url(for: containerURL, permissions: [.read, .list], start: start, expiry: expiry)
        let partials = try BlobURL(
            endpoint: partialPrefix.endpoint, containerName: container, blobName: prefix, sasToken: listing.sasToken)
        let result = try issuer.url(for: output, permissions: [.create, .write], start: start, expiry: expiry)
        return (partials.urlWithSAS.absoluteString, result.urlWithSAS.absoluteString)
    }

    func partialBlob(_ taskID: String) throws -> BlobURL {
        guard let container = partialPrefix.containerName else {
            throw SubmitYearsFailure("partial prefix \(partialPrefix) names no container")
        }
        return try BlobURL(
            endpoint: partialPrefix.endpoint, containerName: container,
            blobName: (partialPrefix.blobName ?? "") + "\(taskID).partial.parquet")
    }
}
