#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that the destination name either keeps its old content or
/// gets the complete new content, never a partial file: data goes to a
/// temporary file in the destination's folder, is `fsync`ed, then renamed over
/// the destination (and the folder is `fsync`ed so the rename survives a crash).
/// On any failure the temporary file is removed.
///
/// ```swift
/// try AtomicFileWriter.write(bytes, to: "out/2007.parquet")
/// try AtomicFileWriter.write(to: "out/_SUCCESS") { _ in }          // empty marker file
/// try AtomicFileWriter.write(to: "out/big.bin") { output in        // streamed
///     for chunk in chunks { try output.write(chunk) }
/// }
/// ```
public enum AtomicFileWriter {
    /// The open temporary file a streaming body writes to.
    public struct Output: ~Copyable {
        fileprivate let descriptor: Int32
        fileprivate let temporaryPath: String
        /// Bytes written so far.
        public private(set) var count = 0

        /// Appends `bytes`, retrying short writes and `EINTR`.
        public mutating func write(_ bytes: [UInt8]) throws(AtomicFileError) {
            var failure: Int32 = 0
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count, let base = raw.baseAddress {
                    let written = systemWrite(descriptor, base + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    offset += written
                }
            }
            guard failure == 0 else { throw .ioFailed(operation: "write", path: temporaryPath, errno: failure) }
            count += bytes.count
        }
    }

    /// File mode of created files, before the umask.
    public static let defaultPermissions: UInt32 = 0o644

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String, permissions: UInt32 = defaultPermissions)
        throws(AtomicFileError)
    {
        try write(to: path, permissions: permissions) { (output: inout Output) throws(AtomicFileError) in
            try output.write(bytes)
        }
    }

    /// Streams the content produced by `body` to `path` atomically. If `body` throws, the
    /// temporary file is removed and ``AtomicFileError/aborted(path:reason:)`` is thrown
    /// (an ``AtomicFileError`` from `body` is rethrown as is).
    public static func write(
        to path: String, permissions: UInt32 = defaultPermissions, _ body: (inout Output) throws -> Void
    ) throws(AtomicFileError) {
        let folder = try checkedFolder(of: path)
        let temporary = temporaryPath(for: path, in: folder)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else {
            let code = errno
            if code == EACCES || code == EPERM || code == EROFS {
                throw .directoryNotWritable(path: folder, errno: code)
            }
            throw .ioFailed(operation: "create temporary file", path: temporary, errno: code)
        }
        var output = Output(descriptor: descriptor, temporaryPath: temporary)
        var closed = false
        do throws(AtomicFileError) {
            do {
                try body(&output)
            } catch let error as AtomicFileError {
                throw error
            } catch {
                throw .aborted(path: path, reason: String(describing: error))
            }
            guard fsync(descriptor) == 0 else { throw .ioFailed(operation: "fsync", path: temporary, errno: errno) }
            closed = true
            guard close(descriptor) == 0 else { throw .ioFailed(operation: "close", path: temporary, errno: errno) }
            guard rename(temporary, path) == 0 else { throw .ioFailed(operation: "rename", path: path, errno: errno) }
        } catch {
            if !closed { _ = close(descriptor) }
            _ = unlink(temporary)
            throw error
        }
        syncFolder(folder)
    }

    /// The destination's folder, checked to exist and be a folder; the destination itself
    /// must not be a folder.
    static func checkedFolder(of path: String) throws(AtomicFileError) -> String {
        guard !path.isEmpty, !path.hasSuffix("/") else { throw .destinationIsDirectory(path: path) }
        let folder: String
        if let slash = path.lastIndex(of: "/") {
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            folder = "."
        }
        var info = stat()
        guard stat(folder, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .directoryNotFound(path: folder) }
            throw .ioFailed(operation: "stat", path: folder, errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: folder) }
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw .destinationIsDirectory(path: path) }
        return folder
    }

    /// `<folder>/.<name>.<pid>-<random>.tmp`: hidden, unique per writer, same file system.
    static func temporaryPath(for path: String, in folder: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "\(folder)/.\(name).\(getpid())-\(token).tmp"
    }

    /// Best effort: persists the rename itself.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        Darwin.write(descriptor, buffer, count)
    #elseif canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
    #else
        Musl.write(descriptor, buffer, count)
    #endif
}
