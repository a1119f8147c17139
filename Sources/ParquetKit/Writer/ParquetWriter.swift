/// One-call entry points: encode a table to bytes, or write it to a file atomically.
///
/// ```swift
/// let schema = try ParquetSchema([ParquetColumn("Year", .int32), ParquetColumn("avg_ArrDelay", .double)])
/// try ParquetWriter.write(
///     schema: schema, columns: [.int32([2007, 2007]), .double([1.5, nil])],
///     to: "out/2007.parquet")                          // SNAPPY by default
/// ```
public enum ParquetWriter {
    /// The complete file as bytes.
    public static func encode(
        schema: ParquetSchema, columns: [ParquetColumnValues], options: ParquetWriterOptions = ParquetWriterOptions()
    ) throws(ParquetError) -> [UInt8] {
        var writer = try ParquetFileWriter(schema: schema, options: options)
        try writer.write(columns)
        var bytes = writer.takeBytes()
        bytes.append(contentsOf: try writer.finish())
        return bytes
    }

    /// Writes the file to `path` through ``AtomicFileWriter``: a temporary file in the same
    /// folder, `fsync`, rename. Input problems (``ParquetError``) are found before the
    /// temporary file is created; on any failure nothing is left under `path` (an
    /// existing file there is kept).
    ///
    /// - Throws: ``ParquetError`` for bad input or options, ``AtomicFileError`` for file-system
    ///   problems (missing or read-only folder, disk full…), each naming what failed.
    public static func write(
        schema: ParquetSchema, columns: [ParquetColumnValues], to path: String,
        options: ParquetWriterOptions = ParquetWriterOptions()
    ) throws {
        var writer = try ParquetFileWriter(schema: schema, options: options)
        let rows = try ParquetFileWriter.validate(columns, against: schema)
        var encodingError: ParquetError?
        do {
            try AtomicFileWriter.write(to: path) { output in
                // A few row groups at a time (one when encoding on one thread), so only their encoded bytes are in
                // memory at once; two per thread keep the threads busy between batches, at most eight bound the
                // memory on a many-core machine (eight row groups are forty chunks of a five-column result).
                let groups = options.encodingThreads > 1 ? min(2 * options.encodingThreads, 8) : 1
                let (product, overflow) = options.rowGroupRows.multipliedReportingOverflow(by: groups)
                let batchRows = overflow ? Int.max : product
                var start = 0
                repeat {
                    let end = start + min(batchRows, rows - start)
                    do throws(ParquetError) {
                        try writer.write(columns, rows: start..<end)
                    } catch {
                        encodingError = error
                        throw error
                    }
                    try output.write(writer.takeBytes())
                    start = end
                } while start < rows
                let footer: [UInt8]
                do throws(ParquetError) {
                    footer = try writer.finish()
                } catch {
                    encodingError = error
                    throw error
                }
                try output.write(footer)
            }
        } catch {
            // AtomicFileWriter reports a failing body as `aborted`; surface the typed cause.
            if let encodingError { throw encodingError }
            throw error
        }
    }
}
