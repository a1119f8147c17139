import AirlineAggregation
import AzureBlobKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--input` naming several inputs with a wildcard in its last path component (`raw/airlines/*.csv.bz2`, locally or
/// under a blob container): every match, in name order, aggregated into one result by map + merge in this process.
///
/// ```swift
/// let inputs = try await InputPattern.expand(try DataLocation("wasbs://demo@acct.blob.core.windows.net/raw/airlines/*.csv.bz2"),
///                                            access: BlobAccess())
/// ```
enum InputPattern {
    /// Whether `location` is a pattern rather than one input.
    static func isPattern(_ location: DataLocation) -> Bool {
        switch location {
        case .local(let path): return hasWildcard(path)
        case .blob(let url): return hasWildcard(url.blobName ?? "")
        case .standardStream: return false
        }
    }

    /// The inputs `location` matches, opened for ranged reads.
    /// - Throws: ``AnalyticsFailure`` when nothing matches or a folder or listing cannot be read.
    static func expand(_ location: DataLocation, access: BlobAccess) async throws -> [RangedInput] {
        var inputs: [RangedInput] = []
        switch location {
        case .local(let pattern):
            let folder = (pattern as NSString).deletingLastPathComponent
            let namePattern = (pattern as NSString).lastPathComponent
            guard !hasWildcard(folder) else {
                throw AnalyticsFailure("--input \(pattern): wildcards only in the file name")
            }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) } catch {
                throw AnalyticsFailure("--input \(pattern): cannot list \(folder.isEmpty ? "." : folder)")
            }
            for name in names.sorted() where matches(namePattern, name) {
                let path = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
                inputs.append(try await RangedInputOpener.open(.local(path), access: access))
            }
        case .blob(let url):
            let pattern = url.blobName ?? ""
            let prefix = String(pattern.prefix { !"*?[".contains($0) })
            do {
                let container = try access.client(for: url).containerClient
                for try await entry in container.listBlobs(prefix: prefix.isEmpty ? nil : prefix) {
                    guard let blob = entry.blob, matches(pattern, blob.name) else { continue }
                    let item = try BlobURL(
                        endpoint: url.endpoint, containerName: url.containerName, blobName: blob.name,
                        sasToken: url.sasToken)
                    inputs.append(try await RangedInputOpener.open(.blob(item), access: access))
                }
            } catch let failure as AnalyticsFailure {
                throw failure
            } catch {
                throw AnalyticsFailure(wrapping: error, context: "cannot list inputs matching \(url)")
            }
        case .standardStream:
            break
        }
        guard !inputs.isEmpty else { throw AnalyticsFailure("--input \(location): no input matches") }
        return inputs
    }

    private static func hasWildcard(_ text: String) -> Bool { text.contains { "*?[".contains($0) } }

    /// Shell-style matching; `*` does not cross `/`.
    private static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PATHNAME) == 0
    }
}
