import AirlineAggregation
import AzureBlobKit
import Foundation

/// The Parquet destination of a run. A local destination is written by the kernel directly (atomically); a
/// remote one is written to a local temporary first and uploaded only once the file is complete, then the
/// temporary is removed, so a failed run leaves nothing behind on either side.
public struct AnalyticsOutput: Sendable {
    public let location: DataLocation
    /// What the kernel writes.
    public let kernelOutput: AggregationOutput
    /// For a remote destination: the temporary folder holding the local result until it is uploaded.
    let stagingDirectory: URL?

    /// Prepares `location` (`sparkLayout` writes `<out>/part-00000-….parquet` plus `_SUCCESS`).
    public static func prepare(
        _ location: DataLocation, codec: ParquetOutputOptions.Codec, sparkLayout: Bool,
        temporaryDirectory: URL = FileManager.default.temporaryDirectory
    ) throws -> AnalyticsOutput {
        let options = ParquetOutputOptions(codec: codec)
        func output(_ path: String) -> AggregationOutput {
            sparkLayout ? .sparkDirectory(path, options: options) : .parquet(path, options: options)
        }
        switch location {
        case .local(let path):
            return AnalyticsOutput(location: location, kernelOutput: output(path), stagingDirectory: nil)
        case .standardStream:
            // `--output -` prints the result as CSV (Parquet needs a seekable file).
            return AnalyticsOutput(location: location, kernelOutput: .none, stagingDirectory: nil)
        case .blob(let url):
            let staging = temporaryDirectory.appendingPathComponent("airline-analytics-\(UUID().uuidString)")
            do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
                throw AnalyticsFailure(
                    "cannot create a temporary folder in \(temporaryDirectory.path) for the output: \(error.localizedDescription)"
                )
            }
            let name =
                (url.blobName ?? "result.parquet").split(separator: "/").last.map(String.init) ?? "result.parquet"
            return AnalyticsOutput(
                location: location, kernelOutput: output(staging.appendingPathComponent(name).path),
                stagingDirectory: staging)
        }
    }

    /// Uploads the finished local result for a remote destination (every file the kernel wrote, relative to the
    /// destination blob; one file for plain Parquet). Removes the temporary folder whether or not it succeeds.
    /// - Returns: the destinations written, for the summary.
    public func finish(files: [String], access: BlobAccess) async throws -> [String] {
        guard case .blob(let destination) = location, stagingDirectory != nil else { return files }
        defer { discard() }
        let root = kernelOutput.path ?? ""
        var written: [String] = []
        for file in files {
            let target: BlobURL
            if file == root {
                target = destination
            } else {
                let relative =
                    file.hasPrefix(root + "/")
                    ? String(file.dropFirst(root.count + 1)) : URL(fileURLWithPath: file).lastPathComponent
                target = try BlobURL(
                    endpoint: destination.endpoint, containerName: destination.containerName,
                    blobName: (destination.blobName ?? "") + "/" + relative, sasToken: destination.sasToken)
            }
            do {
                let client = try access.client(for: target)
                _ = try await client.upload(
                    file: file, options: BlobUploadOptions(contentType: "application/vnd.apache.parquet"))
            } catch {
                throw AnalyticsFailure(wrapping: error, context: "cannot upload the result to \(target)")
            }
            written.append(target.description)
        }
        return written
    }

    /// Removes the temporary folder of a remote destination (after a failure, or once uploaded).
    public func discard() {
        if let stagingDirectory { try? FileManager.default.removeItem(at: stagingDirectory) }
    }
}
