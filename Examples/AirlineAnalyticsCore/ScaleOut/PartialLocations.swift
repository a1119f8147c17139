import AirlineAggregation
import AzureBlobKit
import AzureKitCore
import Foundation

/// Expands `--partials` values into partial results: a file, every `*.partial.parquet` under a local folder, or every
/// one under a blob prefix (a blob URL ending in `/`), each downloaded whole (partials are small: one row per group).
enum PartialLocations {
    /// - Throws: ``AnalyticsFailure`` naming the location that cannot be read; ``AirlineAggregation/AggregationError``
    ///   (`partialMismatch`) for a file that is not a partial result of this format version.
    static func load(_ values: [String], access: BlobAccess) async throws -> [PartialResult] {
        var partials: [PartialResult] = []
        for value in values {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            // A prefix is a blob URL whose name is empty or ends in "/" (looked at after parsing: a SAS follows it).
            if trimmed.contains("://"), let url = try? BlobURL(parsing: trimmed),
                url.blobName.map({ $0.isEmpty || $0.hasSuffix("/") }) ?? true
            {
                partials += try await loadPrefix(url, access: access)
                continue
            }
            switch try DataLocation(trimmed) {
            case .local(let path):
                for file in try localFiles(path) { partials.append(try PartialResult(path: file)) }
            case .standardStream:
                throw AnalyticsFailure("--partials cannot read standard input")
            case .blob(let url):
                partials.append(try await download(url, access: access))
            }
        }
        return partials
    }

    /// `path` itself, or the sorted `*.partial.parquet` files under the folder `path`.
    static func localFiles(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AnalyticsFailure("--partials \(path): no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw AnalyticsFailure("--partials \(path): cannot list the folder")
        }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(PartialResult.fileSuffix) }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    private static func loadPrefix(_ url: BlobURL, access: BlobAccess) async throws -> [PartialResult] {
        let prefix = url.blobName ?? ""
        var partials: [PartialResult] = []
        do {
            let container = try access.client(for: url).containerClient
            for try await entry in container.listBlobs(prefix: prefix.isEmpty ? nil : prefix) {
                guard let blob = entry.blob, blob.name.hasSuffix(PartialResult.fileSuffix) else { continue }
                let item = try BlobURL(
                    endpoint: url.endpoint, containerName: url.containerName, blobName: blob.name,
                    sasToken: url.sasToken)
                partials.append(try await download(item, access: access))
            }
        } catch let error as AggregationError {
            throw error
        } catch let failure as AnalyticsFailure {
            throw failure
        } catch {
            throw AnalyticsFailure(wrapping: error, context: "cannot list partials under \(url)")
        }
        return partials
    }

    private static func download(_ url: BlobURL, access: BlobAccess) async throws -> PartialResult {
        let data: Data
        do { data = try await access.client(for: url).downloadData() } catch {
            throw AnalyticsFailure(wrapping: error, context: "cannot read partial \(url)")
        }
        return try PartialResult(bytes: [UInt8](data), name: url.description)
    }
}
