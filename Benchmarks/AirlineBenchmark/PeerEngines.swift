import ArgumentParser
import AzureKitProcess
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
    func available() async -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.fileExists(atPath: folder + "/peer_query.py")
        else { return false }
        let check = ChildProcess(
            URL(fileURLWithPath: python), ["-c", "import duckdb, polars, pyarrow"], standardOutput: .discard,
            standardError: .discard)
        return (try? await check.run().succeeded) == true
    }

    /// argv of one peer run writing the query's result to `output`.
    func command(engine: String, sql: String, input: String, output: String) -> [String] {
        [python, folder + "/peer_query.py", "--engine", engine, "--sql", sql, input, output]
    }

    /// `same` or what differs between the reference's result and the others' (`same_result.py`).
    func compare(reference: String, others: [String], ordered: Bool) async -> String {
        let child = ChildProcess(
            URL(fileURLWithPath: python),
            [folder + "/same_result.py"] + (ordered ? ["--ordered"] : []) + [reference] + others)
        let result: ChildProcess.Result
        do { result = try await child.run() } catch { return "could not run same_result.py: \(error)" }
        return (result.standardOutputText + result.standardErrorText).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
