import Foundation
import ParquetKit

/// Spark's output layout: `<out>/part-00000-<uuid>.c000.<codec>.parquet` plus an empty `_SUCCESS`.
///
/// The directory is assembled under a temporary sibling name and renamed into place, so readers never see a
/// half-written directory; an existing directory at the destination is replaced (Spark's overwrite mode).
enum SparkDirectoryWriter {
    static func write(_ table: ResultTable, to path: String, options: ParquetOutputOptions, threads: Int = 1) throws
        -> [String]
    {
        let files = FileManager.default
        let destination = URL(fileURLWithPath: path)
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw AggregationError(.outputUnwritable, file: path, message: "cannot create \(staging.path): \(error)")
        }
        var finished = false
        defer { if !finished { try? files.removeItem(at: staging) } }
        let partName = "part-00000-\(UUID().uuidString.lowercased()).c000\(options.codec.sparkFileExtension)"
        try ParquetResultWriter.writeFile(
            table, to: staging.appendingPathComponent(partName).path, options: options, threads: threads)
        guard files.createFile(atPath: staging.appendingPathComponent("_SUCCESS").path, contents: Data()) else {
            throw AggregationError(.outputUnwritable, file: path, message: "cannot create _SUCCESS in \(staging.path)")
        }
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw AggregationError(.outputUnwritable, file: path, message: "a file (not a directory) is in the way")
            }
            let old = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString)")
            do {
                try files.moveItem(at: destination, to: old)
                try files.moveItem(at: staging, to: destination)
            } catch {
                throw AggregationError(.outputUnwritable, file: path, message: "cannot replace the directory: \(error)")
            }
            try? files.removeItem(at: old)
        } else {
            do {
                try files.moveItem(at: staging, to: destination)
            } catch {
                throw AggregationError(.outputUnwritable, file: path, message: "cannot rename into place: \(error)")
            }
        }
        finished = true
        return [destination.appendingPathComponent(partName).path, destination.appendingPathComponent("_SUCCESS").path]
    }
}
