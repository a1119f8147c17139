/// Encodes a ``ResultTable`` as Parquet (keys INT32, aggregates INT64/DOUBLE, all OPTIONAL).
enum ParquetResultWriter {
    /// Writes one file atomically.
    static func writeFile(_ table: ResultTable, to path: String, options: ParquetOutputOptions) throws {
        throw AggregationError(
            .outputUnwritable, file: path, message: "the Parquet writer (ParquetKit) is not linked into this build yet")
    }
}
