import AzureBlobKit
import AzureKitCore
import Foundation

/// Where AirlineAnalytics reads its CSV or writes its Parquet: a local path, standard input/output, or a blob.
///
/// Blob forms are the ones Spark jobs use: `https://<account>.blob.core.windows.net/<container>/<path>` (optionally
/// carrying a SAS query), `wasbs://<container>@<account>.blob.core.windows.net/<path>` (and `wasb://`, `abfss://`),
/// and path-style emulator URLs such as `http://127.0.0.1:10000/devstoreaccount1/<container>/<path>`.
///
/// ```swift
/// let input = try DataLocation("wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2")
/// if case .blob(let url) = input { print(url.containerName ?? "") }   // "demo"
/// ```
public enum DataLocation: Sendable, Equatable, CustomStringConvertible {
    /// A file on this machine.
    case local(String)
    /// Standard input (`-` as `--input`).
    case standardStream
    /// A blob, parsed by ``AzureBlobKit/BlobURL``; a SAS in the URL is kept but never printed.
    case blob(BlobURL)

    /// Parses `text`: anything with a `scheme://` is a blob address, `-` is standard input, the rest a local path.
    /// - Throws: ``AnalyticsFailure`` naming the text and the reason (never echoing a SAS signature).
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw AnalyticsFailure("an empty path is not a location") }
        if trimmed == "-" {
            self = .standardStream
        } else if trimmed.contains("://") {
            guard let scheme = trimmed.split(separator: ":", maxSplits: 1).first?.lowercased(),
                Self.blobSchemes.contains(scheme)
            else {
                throw AnalyticsFailure(
                    "'\(Redaction.scrub(text: trimmed))' uses an unsupported scheme (expected a local path, https://, http:// (emulator), wasbs://, wasb:// or abfss://)"
                )
            }
            do {
                let url = try BlobURL(parsing: trimmed)
                guard url.blobName != nil else {
                    throw AnalyticsFailure("'\(url)' names no blob (expected …/<container>/<path>)")
                }
                self = .blob(url)
            } catch let failure as AnalyticsFailure {
                throw failure
            } catch {
                throw AnalyticsFailure(
                    "'\(Redaction.scrub(text: trimmed))' is not a blob URL: \(Redaction.scrub(text: String(describing: error)))"
                )
            }
        } else {
            self = .local(trimmed)
        }
    }

    static let blobSchemes: Set<String> = ["https", "http", "wasbs", "wasb", "abfss", "abfs"]

    /// Whether reading or writing goes over the network.
    public var isRemote: Bool {
        if case .blob = self { return true }
        return false
    }

    /// The location as it may appear in logs: paths as given, blobs without their SAS.
    public var description: String {
        switch self {
        case .local(let path): return path
        case .standardStream: return "-"
        case .blob(let url): return url.description
        }
    }
}
