import AzureKitCore
import Foundation
import Testing

/// Files under Tests/ExamplesTests/Fixtures.
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "fixture \(name) is missing")
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}

/// The executables SwiftPM built next to the test bundle (ExamplesTests depends on AirlineAnalytics).
enum BuiltProducts {
    static func executable(_ name: String) throws -> URL {
        // The resource bundle sits in the build products folder on every platform; the test process's own
        // executable does on Linux.
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map {
                URL(fileURLWithPath: $0)
            }
            ?? Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        for start in [Bundle.module.bundleURL, executable] {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                    !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        let start = Bundle.module.bundleURL
        throw ProcessFailure("\(name) was not found near \(start.path); build it with `swift build --product \(name)`")
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A finished child process.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with only the given environment (plus PATH), so no Azure settings leak in from the shell.
func runProcess(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:],
    standardInput: Data? = nil
) async throws -> ProcessResult {
    var environment = environment
    environment["PATH"] = environment["PATH"] ?? "/usr/bin:/bin"
    let result = try await ChildProcess(
        executable, arguments, environment: environment, standardInput: standardInput
    ).run()
    return ProcessResult(status: result.status, stdout: result.standardOutputText, stderr: result.standardErrorText)
}

/// A fresh empty folder under the system temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("examples-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every file under `directory`, relative, sorted.
func listFiles(_ directory: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
    return enumerator.compactMap { $0 as? String }.sorted()
}
