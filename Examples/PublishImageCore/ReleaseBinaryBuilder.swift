import AzureKitCore
import ContainerImageKit
import Foundation

/// Builds one product of a Swift package in release with the Swift standard library linked statically, and
/// hands back a stripped copy, the way Examples/Dockerfile's build stage does.
///
/// FoundationNetworking still links libcurl dynamically; when the machine has the runtime library but not the
/// development link (`libcurl.so`), a private link directory with that one symlink is passed to the linker.
public struct ReleaseBinaryBuilder: Sendable {
    public var packagePath: URL
    public var product: String
    public var swift: String

    public init(packagePath: URL, product: String = "AirlineAnalytics", swift: String = "swift") {
        self.packagePath = packagePath
        self.product = product
        self.swift = swift
    }

    /// Runs `swift build -c release --product <product> --static-swift-stdlib` and returns a stripped copy of the
    /// binary in a temporary directory.
    public func build(log: (String) -> Void) async throws -> URL {
        var arguments = [
            "build", "-c", "release", "--product", product, "--static-swift-stdlib", "--package-path", packagePath.path,
        ]
        if let linkDirectory = try Self.curlLinkDirectory() {
            arguments += ["-Xlinker", "-L\(linkDirectory.path)"]
        }
        log("$ swift \(arguments.joined(separator: " "))")
        _ = try await Self.run(swift, arguments, output: .inherit, what: "swift build")
        let binPath = try await Self.run(
            swift,
            [
                "build", "-c", "release", "--static-swift-stdlib", "--package-path", packagePath.path,
                "--show-bin-path",
            ], output: .capture, what: "swift build --show-bin-path")
        let built = URL(fileURLWithPath: binPath.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent(product)
        return try await Self.strippedCopy(of: built)
    }

    /// A copy of `binary` without symbols (`strip`) in a new temporary folder of its own.
    public static func strippedCopy(of binary: URL) async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "publish-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appendingPathComponent(binary.lastPathComponent)
        try FileManager.default.copyItem(at: binary, to: copy)
        // Without strip the symbols stay in (a larger layer, still a working image).
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/strip") {
            _ = try await Self.run("/usr/bin/strip", [copy.path], output: .inherit, what: "strip")
        }
        return copy
    }

    /// A directory holding `libcurl.so` → the runtime libcurl, when the system has no development link.
    static func curlLinkDirectory() throws -> URL? {
        let libraryDirectories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]
        let fileManager = FileManager.default
        if libraryDirectories.contains(where: { fileManager.fileExists(atPath: "\($0)/libcurl.so") }) { return nil }
        guard
            let runtime = libraryDirectories.map({ "\($0)/libcurl.so.4" }).first(where: fileManager.fileExists(atPath:))
        else { return nil }
        let directory = fileManager.temporaryDirectory.appendingPathComponent("publish-image-curl-link")
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let link = directory.appendingPathComponent("libcurl.so")
        if (try? fileManager.destinationOfSymbolicLink(atPath: link.path)) != runtime {
            try? fileManager.removeItem(at: link)
            try fileManager.createSymbolicLink(atPath: link.path, withDestinationPath: runtime)
        }
        return directory
    }

    /// Runs `program` (a path, or a name looked up on `PATH`) and returns what it printed when `output` captures.
    private static func run(
        _ program: String, _ arguments: [String], output: ChildProcess.Output, what: String
    ) async throws -> String {
        guard let executable = ChildProcess.find(program) else {
            throw PublishImageFailure("cannot start \(what): \(program) is not an executable file or on PATH")
        }
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess(executable, arguments, standardOutput: output, standardError: .inherit)
                .run()
        } catch {
            throw PublishImageFailure("cannot start \(what): \(error)")
        }
        guard result.succeeded else {
            throw PublishImageFailure("\(what) failed with exit status \(result.status)")
        }
        return result.standardOutputText
    }
}
