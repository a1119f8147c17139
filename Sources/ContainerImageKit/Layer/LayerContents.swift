import AzureKitCore
import Foundation

/// The files of one layer, keyed by path: the order they are added in does not matter, because
/// ``tarArchive(modificationTime:)`` writes them sorted by path bytes, each parent directory before its
/// children, so the same files always make the same archive.
///
/// Parent directories are added implicitly (mode `0755`, owner root).
///
/// ```swift
/// var contents = LayerContents()
/// try contents.addFile("/usr/local/bin/app", contents: binary, mode: 0o755)
/// try contents.addDirectory("/tmp", mode: 0o1777)
/// let tar = try contents.tarArchive()
/// ```
public struct LayerContents: Sendable, Equatable {
    public private(set) var entries: [String: TarEntry] = [:]

    public init() {}

    /// Adds a regular file.
    /// - Throws: ``AzureKitCore/AzureClientError`` for an invalid path or a path already holding something else.
    public mutating func addFile(_ path: String, contents: Data, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0)
        throws
    {
        try add(TarEntry(path: try Self.normalize(path), kind: .file(contents), mode: mode, uid: uid, gid: gid))
    }

    /// Adds a regular file with the bytes of `hostFile` (symbolic links followed).
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.unreadableFile`) naming the host file.
    public mutating func addFile(_ path: String, copying hostFile: URL, mode: UInt32? = nil) throws {
        let data: Data
        let hostMode: UInt32
        do {
            let resolved = hostFile.resolvingSymlinksInPath()
            data = try Data(contentsOf: resolved)
            let attributes = try FileManager.default.attributesOfItem(atPath: resolved.path)
            hostMode = (attributes[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644
        } catch {
            throw AzureClientError(.unreadableFile, "cannot read \(hostFile.path): \(error.localizedDescription)")
        }
        try addFile(path, contents: data, mode: mode ?? (hostMode & 0o111 != 0 ? 0o755 : 0o644))
    }

    public mutating func addDirectory(_ path: String, mode: UInt32 = 0o755, uid: Int = 0, gid: Int = 0) throws {
        try add(TarEntry(path: try Self.normalize(path), kind: .directory, mode: mode, uid: uid, gid: gid))
    }

    public mutating func addSymbolicLink(_ path: String, target: String) throws {
        try add(TarEntry(path: try Self.normalize(path), kind: .symbolicLink(target: target), mode: 0o777))
    }

    /// Adds `entry` and its missing parents. Adding an identical entry again is a no-op; an explicit directory
    /// replaces an implicit one (so `/tmp` can be `1777`).
    public mutating func add(_ entry: TarEntry) throws {
        var parent = entry.path
        while let slash = parent.lastIndex(of: "/") {
            parent = String(parent[..<slash])
            if let existing = entries[parent] {
                guard existing.kind == .directory else {
                    throw AzureClientError(
                        .conflictingEntry, "\(entry.path) needs directory \(parent), which is already a file or link")
                }
            } else {
                entries[parent] = TarEntry(path: parent, kind: .directory, mode: 0o755)
            }
        }
        if let existing = entries[entry.path], existing != entry {
            guard existing.kind == .directory, entry.kind == .directory else {
                throw AzureClientError(.conflictingEntry, "\(entry.path) is added twice with different contents")
            }
        }
        entries[entry.path] = entry
    }

    /// The entries in archive order: sorted by path bytes with `/` ranked first, so a directory's children
    /// follow it directly (`usr/lib/x` before `usr/lib-extra`).
    public var orderedEntries: [TarEntry] {
        entries.values.sorted { Self.archiveOrder($0.path, $1.path) }
    }

    /// The uncompressed tar stream.
    public func tarArchive(modificationTime: Int = 0) throws -> [UInt8] {
        var writer = TarWriter(modificationTime: modificationTime)
        for entry in orderedEntries { try writer.append(entry) }
        return writer.finish()
    }

    static func archiveOrder(_ a: String, _ b: String) -> Bool {
        func key(_ byte: UInt8) -> UInt8 { byte == UInt8(ascii: "/") ? 0 : byte }
        return a.utf8.lazy.map(key).lexicographicallyPrecedes(b.utf8.lazy.map(key))
    }

    /// `/usr//bin/` → `usr/bin`; refuses empty paths and `.`/`..` components.
    static func normalize(_ path: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty, !parts.contains(where: { $0 == "." || $0 == ".." }) else {
            throw AzureClientError(
                .invalidPath, "'\(path)' is not a path inside the image (empty, or has . or .. components)")
        }
        return parts.joined(separator: "/")
    }
}
