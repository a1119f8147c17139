import Foundation

/// One entry of a layer's file system: a directory, a regular file with its bytes, or a symbolic link.
///
/// Paths are relative to the image root and use `/` (`usr/local/bin/app`); a leading `/` is dropped.
public struct TarEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case directory
        case file(Data)
        case symbolicLink(target: String)
    }

    public let path: String
    public let kind: Kind
    /// Permission bits (`0o755`, `0o644`, `0o1777` for `/tmp`).
    public let mode: UInt32
    public let uid: Int
    public let gid: Int

    public init(path: String, kind: Kind, mode: UInt32, uid: Int = 0, gid: Int = 0) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }

    /// The payload size in bytes (0 for directories and links).
    public var size: Int {
        if case .file(let data) = kind { return data.count }
        return 0
    }
}
