import AirlineAggregation
import AzureBlobKit
import Foundation

/// The CSV input of a run, opened for the kernel: a counted byte stream and, when known, its total size (the
/// compressed size for `.bz2`/`.gz`, which is what the progress bar measures).
public struct AnalyticsInput: Sendable {
    public let source: CSVSource
    /// Bytes of the input (as stored) or `nil` when unknown (standard input).
    public let totalBytes: Int64?
    /// Bytes read so far, as stored (compressed bytes for a compressed input).
    public let counter: ByteCounter
    /// Whether the kernel itself must report progress into ``counter`` (a local file goes straight to the kernel's
    /// reader, which maps or reads it without an intermediate stream); otherwise the source counts as it streams.
    public let kernelReportsProgress: Bool

    /// Opens `location`. A remote input is streamed: the kernel decompresses and parses ranges as they arrive,
    /// nothing is staged on disk.
    /// - Throws: ``AnalyticsFailure`` when the file cannot be read or the blob's properties cannot be fetched.
    public static func open(_ location: DataLocation, access: BlobAccess) async throws -> AnalyticsInput {
        let counter = ByteCounter()
        switch location {
        case .local(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw AnalyticsFailure("\(path): inputUnreadable: no such file")
            }
            guard !isDirectory.boolValue else {
                throw AnalyticsFailure("\(path): inputUnreadable: is a directory, not a CSV file")
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw AnalyticsFailure("\(path): inputUnreadable: permission denied")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
            return AnalyticsInput(source: .file(path), totalBytes: size, counter: counter, kernelReportsProgress: true)
        case .standardStream:
            return AnalyticsInput(
                source: .standardInput, totalBytes: nil, counter: counter, kernelReportsProgress: true)
        case .blob(let url):
            let client = try access.client(for: url)
            let properties: BlobProperties
            do { properties = try await client.properties() } catch {
                throw AnalyticsFailure(wrapping: error, context: "cannot read input \(url)")
            }
            let stream = CountingByteStream(client.downloadStream(), counter: counter)
            return AnalyticsInput(
                source: .stream(stream, name: url.description), totalBytes: properties.contentLength,
                counter: counter, kernelReportsProgress: false)
        }
    }
}
