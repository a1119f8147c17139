import ArgumentParser
import Foundation

/// The Python peers (DuckDB, Polars) as child processes, through the scripts in the repository's `Tools/peers`.
struct PeerEngines {
    /// Python with the `duckdb`, `polars` and `pyarrow` packages.
    let python: String
    /// The folder with `peer_query.py` and `same_result.py`.
    let folder: String

    /// `Tools/peers` of the checkout this benchmark was built from.
    static let defaultFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/peers").path

    /// Whether the peers can run: the scripts exist and Python imports the packages (checked once, in a child).
    func available() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.fileExists(atPath: folder + "/peer_query.py")
        else { return false }
        return (try? run([python, "-c", "import duckdb, polars, pyarrow"])) == 0
    }

    /// argv of one peer run writing the query's result to `output`.
    func command(engine: String, sql: String, input: String, output: String) -> [String] {
        [python, folder + "/peer_query.py", "--engine", engine, "--sql", sql, input, output]
    }

    /// `same` or what differs between the reference's result and the others' (`same_result.py`).
    func compare(reference: String, others: [String], ordered: Bool) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [folder + "/same_result.py"] + (ordered ? ["--ordered"] : []) + [reference] + others
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return "could not run same_result.py: \(error)" }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
