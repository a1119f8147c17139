#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the result table to its destination atomically.
enum OutputWriter {
    /// Fails early (before reading any input) when the destination folder is missing or not writable.
    static func checkDestination(_ output: AggregationOutput) throws {
        guard let path = output.path else { return }
        try output.options.checkCodec(destination: path)
        let folder = parentFolder(of: path)
        var isDirectory = stat()
        guard stat(folder, &isDirectory) == 0, (isDirectory.st_mode & S_IFMT) == S_IFDIR else {
            throw AggregationError(.outputUnwritable, file: path, message: "output folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw AggregationError(.outputUnwritable, file: path, message: "output folder \(folder) is not writable")
        }
    }

    /// Writes `table`, its column chunks encoded on up to `threads` threads; returns the files created.
    static func write(_ table: ResultTable, to output: AggregationOutput, threads: Int = 1) throws -> [String] {
        switch output.kind {
        case .none:
            return []
        case .parquetFile(let path):
            try ParquetResultWriter.writeFile(table, to: path, options: output.options, threads: threads)
            return [path]
        case .sparkDirectory(let path):
            return try SparkDirectoryWriter.write(table, to: path, options: output.options, threads: threads)
        }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
