#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why ``AtomicFileWriter`` could not write a file. Every case names the path;
/// system failures carry `errno` and its message.
public enum AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The destination's folder does not exist.
    case directoryNotFound(path: String)
    /// The destination's parent path exists but is not a folder.
    case notADirectory(path: String)
    /// The folder exists but a file cannot be created in it.
    case directoryNotWritable(path: String, errno: Int32)
    /// The destination name is taken by a folder.
    case destinationIsDirectory(path: String)
    /// A system call failed (`operation` is e.g. `write`, `fsync`, `rename`).
    case ioFailed(operation: String, path: String, errno: Int32)
    /// The caller's body threw; the temporary file was removed.
    case aborted(path: String, reason: String)

    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            "output folder '\(path)' does not exist"
        case .notADirectory(let path):
            "output folder '\(path)' is not a folder"
        case .directoryNotWritable(let path, let code):
            "output folder '\(path)' is not writable: \(Self.message(code))"
        case .destinationIsDirectory(let path):
            "cannot write '\(path)': a folder has that name"
        case .ioFailed(let operation, let path, let code):
            "\(operation) failed for '\(path)': \(Self.message(code))"
        case .aborted(let path, let reason):
            "writing '\(path)' was aborted, no file was left behind: \(reason)"
        }
    }

    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: text)) (errno \(code))"
    }
}
