import AzureKitCore
import Foundation

/// The shared libraries and the dynamic loader an ELF executable needs at run time, as `ldd` lists them, so a
/// FROM-scratch layer can carry them next to the binary.
///
/// ```swift
/// let dependencies = try await SharedLibraryDependencies.of(executable: binaryURL)
/// dependencies.loader      // /lib64/ld-linux-x86-64.so.2
/// dependencies.libraries   // [/lib/x86_64-linux-gnu/libc.so.6, …]
/// ```
public struct SharedLibraryDependencies: Sendable, Equatable {
    /// The program interpreter (`PT_INTERP`), when the executable is dynamically linked.
    public let loader: String?
    /// Absolute paths of the libraries, in `ldd`'s order (the paths the loader will look them up under).
    public let libraries: [String]

    public init(loader: String?, libraries: [String]) {
        self.loader = loader
        self.libraries = libraries
    }

    /// Runs `ldd` on `executable` and parses its output.
    ///
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.sharedLibraryResolution`) when `ldd` cannot run, fails, or reports a
    ///   library as `not found`.
    public static func of(executable: URL, ldd: String = "/usr/bin/ldd") async throws -> SharedLibraryDependencies {
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess(URL(fileURLWithPath: ldd), [executable.path], timeLimit: .seconds(60)).run()
        } catch {
            throw AzureClientError(.sharedLibraryResolution, "cannot run \(ldd): \(error)")
        }
        let text = result.standardOutputText
        let errorText = result.standardErrorText
        // A static executable: ldd says "not a dynamic executable" (exit 1) and nothing needs collecting.
        if text.contains("statically linked") || errorText.contains("not a dynamic executable") {
            return SharedLibraryDependencies(loader: nil, libraries: [])
        }
        guard result.succeeded else {
            let ending = result.timedOut ? "did not finish within 60 s" : "exited with \(result.status)"
            throw AzureClientError(
                .sharedLibraryResolution,
                "ldd \(executable.path) \(ending): \(errorText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return try parse(lddOutput: text)
    }

    /// Parses `ldd` output: `name => /path (0x…)` lines are libraries, a bare `/path (0x…)` is the loader,
    /// `linux-vdso.so.1` (provided by the kernel) is skipped.
    ///
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.sharedLibraryResolution`) naming a library `ldd` could not find.
    public static func parse(lddOutput: String) throws -> SharedLibraryDependencies {
        var loader: String?
        var libraries: [String] = []
        for rawLine in lddOutput.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let arrow = line.range(of: " => ") {
                let name = line[..<arrow.lowerBound]
                let target = line[arrow.upperBound...]
                if target.hasPrefix("not found") {
                    throw AzureClientError(
                        .sharedLibraryResolution, "ldd cannot find \(name), which the executable needs")
                }
                let path = String(target.prefix { $0 != " " && $0 != "(" })
                if path.hasPrefix("/") && !libraries.contains(path) { libraries.append(path) }
            } else if line.hasPrefix("/") {
                loader = String(line.prefix { $0 != " " && $0 != "(" })
            }
        }
        return SharedLibraryDependencies(loader: loader, libraries: libraries)
    }
}
