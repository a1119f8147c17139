import AzureBlobKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which blobs a one-answer run reads: a pattern such as `raw/airlines/*.csv.bz2` (its last part may hold `*`, `?`
/// and `[…]`, matched with `fnmatch`, never across a `/`), or the selected years' `<year>.csv.bz2`; either way
/// under one folder, so a single listing finds them with their sizes.
///
/// ```swift
/// let selection = try InputSelection(pattern: "*.csv.bz2", inputPrefix: "wasbs://demo@acct.blob.core.windows.net/raw/airlines/", years: [])
/// selection.folder.blobName              // "raw/airlines/"
/// selection.matches("raw/airlines/2007.csv.bz2")   // true
/// ```
public struct InputSelection: Sendable {
    /// The container and the folder (`blobName`, ending in `/`, or `nil` for the whole container) that is listed.
    public let folder: BlobURL
    /// What a name under the folder must match.
    public let namePattern: String
    /// Years mode: the names that must all be there.
    public let requiredNames: [String]

    /// - Parameters:
    ///   - pattern: a blob URL, or a path relative to `inputPrefix`; `nil` selects the years.
    /// - Throws: ``SubmitYearsFailure`` for a location that does not parse or names no container.
    public init(pattern: String?, inputPrefix: String, years: [Int]) throws {
        let prefix = inputPrefix.hasSuffix("/") ? inputPrefix : inputPrefix + "/"
        let full = pattern.map { $0.contains("://") ? $0 : prefix + $0 } ?? prefix + "*"
        let cut = full.lastIndex(of: "/").map { full.index(after: $0) } ?? full.startIndex
        let folderText = String(full[..<cut])
        do { folder = try BlobURL(parsing: folderText) } catch {
            throw SubmitYearsFailure(wrapping: error, context: "input location \(folderText)")
        }
        guard folder.containerName != nil else { throw SubmitYearsFailure("input location \(full) names no container") }
        namePattern = String(full[cut...])
        guard !namePattern.isEmpty else {
            throw SubmitYearsFailure("input pattern \(full) ends in '/': name the files, e.g. \(full)*.csv.bz2")
        }
        requiredNames = pattern == nil ? years.map { "\($0).csv.bz2" } : []
    }

    /// Whether blob `name` (full name in the container) is selected.
    public func matches(_ name: String) -> Bool {
        let base = folder.blobName ?? ""
        guard name.hasPrefix(base) else { return false }
        let rest = String(name.dropFirst(base.count))
        guard !rest.contains("/") else { return false }
        if !requiredNames.isEmpty { return requiredNames.contains(rest) }
        return fnmatch(namePattern, rest, 0) == 0
    }

    /// - Throws: ``SubmitYearsFailure`` when nothing matched, or a required year is missing.
    public func checkComplete(_ foundNames: [String]) throws {
        let missing = requiredNames.filter { !foundNames.contains($0) }
        guard missing.isEmpty else {
            throw SubmitYearsFailure("input \(missing.joined(separator: ", ")) not found under \(folder)")
        }
        guard !foundNames.isEmpty else { throw SubmitYearsFailure("no blob under \(folder) matches \(namePattern)") }
    }
}
