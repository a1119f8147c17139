import Foundation

/// Runs a command-line tool from a test (skopeo, podman, tar) and captures what it printed.
public struct ExternalCommand: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public let errors: String
    }

    public let program: String
    public var environment: [String: String]?

    public init(_ program: String, environment: [String: String]? = nil) {
        self.program = program
        self.environment = environment
    }

    /// The first directory on `PATH` (plus /usr/sbin and /sbin) holding an executable named `name`.
    public static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs the program and waits; output is read on the way so a chatty tool never blocks on a full pipe.
    public func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("cmd-\(UUID().uuidString).out")
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("cmd-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }
}
