import AzureKitCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written under a temporary name in the destination's folder and renamed into place only when
/// complete and synced, so a failed download never leaves a truncated file under the final name.
final class AtomicFile: @unchecked Sendable {
    // Writes use pwrite at explicit offsets, so concurrent range tasks never share a file position.
    let path: String
    let temporaryPath: String
    private let descriptor: Int32

    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        self.path = path
        self.temporaryPath = folder + "/." + url.lastPathComponent + ".\(UUID().uuidString.prefix(8)).partial"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AzureClientError.fileSystem(temporaryPath, "create", errno: errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `data` at `offset`.
    func write(_ data: Data, at offset: Int64) throws {
        try data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let result = pwrite(descriptor, base + written, buffer.count - written, off_t(offset) + off_t(written))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw AzureClientError.fileSystem(
                        temporaryPath, "write at offset \(offset + Int64(written))", errno: errno)
                }
                written += result
            }
        }
    }

    /// Syncs the data, renames the file into place, and syncs the folder so the rename survives a crash.
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw AzureClientError.fileSystem(temporaryPath, "fsync", errno: errno) }
        guard rename(temporaryPath, path) == 0 else {
            throw AzureClientError.fileSystem(path, "rename into place", errno: errno)
        }
        let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Removes the temporary file after a failure.
    func discard() { unlink(temporaryPath) }
}
