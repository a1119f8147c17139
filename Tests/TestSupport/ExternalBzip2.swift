import AzureKitProcess
import Foundation

/// The system's `bzip2`, for `.bz2` test inputs the codecs did not produce themselves.
///
/// Run as a ``ChildProcess``: a synchronous `waitUntilExit()` parks a cooperative-pool thread, and with two of them
/// parked every async test in the process stalled (the child-process timing tests saw 35 s).
public enum ExternalBzip2 {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "the bzip2 command is needed to make .bz2 test inputs (apt-get install bzip2; .ci/run does)"
        }
    }

    /// `bytes` compressed with `bzip2 -<level>`; level 1 has 100k-byte blocks, so small inputs span several.
    public static func compress(_ bytes: [UInt8], level: Int = 1) async throws -> [UInt8] {
        guard
            let program = ["/usr/bin/bzip2", "/bin/bzip2"].first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw Missing()
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("in.csv")
        try Data(bytes).write(to: file)
        let result = try await ChildProcess(URL(fileURLWithPath: program), ["-\(level)", "-k", file.path]).run()
        guard result.succeeded else { throw Missing() }
        return Array(try Data(contentsOf: file.appendingPathExtension("bz2")))
    }
}
