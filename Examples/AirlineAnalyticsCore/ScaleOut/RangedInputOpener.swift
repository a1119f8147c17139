import AirlineAggregation
import AzureBlobKit
import Foundation

/// Opens a ``DataLocation`` for byte-range reads: a local file through `pread`, a blob through ranged GETs (one
/// streamed, prefetching download per range the kernel asks for), so a map task reads its range, the header and a
/// short tail, never the whole blob.
enum RangedInputOpener {
    /// - Throws: ``AnalyticsFailure`` for standard input (not addressable) or an unreadable file or blob.
    static func open(_ location: DataLocation, access: BlobAccess) async throws -> RangedInput {
        switch location {
        case .local(let path):
            do { return try RangedInput.file(path) } catch { throw AnalyticsFailure(wrapping: error) }
        case .standardStream:
            throw AnalyticsFailure("a map task needs an addressable input (a file or a blob), not standard input")
        case .blob(let url):
            let client = try access.client(for: url)
            let properties: BlobProperties
            do { properties = try await client.properties() } catch {
                throw AnalyticsFailure(wrapping: error, context: "cannot read input \(url)")
            }
            return RangedInput.ranged(name: url.description, size: Int(properties.contentLength)) { range in
                client.downloadStream(
                    options: BlobDownloadOptions(offset: Int64(range.lowerBound), length: Int64(range.count)))
            }
        }
    }
}
