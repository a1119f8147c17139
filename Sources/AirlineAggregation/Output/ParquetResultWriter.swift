import ParquetKit

/// Encodes a ``ResultTable`` through ParquetKit: keys INT32, aggregates INT64/DOUBLE, all OPTIONAL, written
/// atomically (temporary file in the destination folder, fsync, rename).
enum ParquetResultWriter {
    /// The `created_by` suffix naming this library.
    static let createdBy = "\(ParquetKitVersion.createdBy) (AirlineAggregation)"

    static func schemaAndColumns(_ table: ResultTable) throws -> (ParquetSchema, [ParquetColumnValues]) {
        var columns: [ParquetColumn] = []
        var values: [ParquetColumnValues] = []
        for column in table.columns {
            if case .dictionary(let text) = column.storage {
                columns.append(ParquetColumn(column.name, .string, .optional))
                values.append(.dictionaryString(text.dictionary))
                continue
            }
            switch column.values {
            case .int32(let data):
                columns.append(ParquetColumn(column.name, .int32, .optional))
                values.append(.int32(data))
            case .int64(let data):
                columns.append(ParquetColumn(column.name, .int64, .optional))
                values.append(.int64(data))
            case .double(let data):
                columns.append(ParquetColumn(column.name, .double, .optional))
                values.append(.double(data))
            case .string(let data):
                columns.append(ParquetColumn(column.name, .string, .optional))
                values.append(.string(data))
            }
        }
        return (try ParquetSchema(columns), values)
    }

    /// `threads` encode column chunks at once (the file does not depend on it).
    static func writerOptions(_ options: ParquetOutputOptions, threads: Int = 1) -> ParquetWriterOptions {
        var writer = ParquetWriterOptions()
        writer.encodingThreads = max(1, threads)
        writer.codec = options.codec
        writer.createdBy = createdBy
        return writer
    }

    /// Writes one file atomically, its column chunks encoded on up to `threads` threads.
    static func writeFile(_ table: ResultTable, to path: String, options: ParquetOutputOptions, threads: Int = 1) throws
    {
        do {
            let (schema, values) = try schemaAndColumns(table)
            try ParquetWriter.write(
                schema: schema, columns: values, to: path, options: writerOptions(options, threads: threads))
        } catch let error as AggregationError {
            throw error
        } catch {
            throw AggregationError(.outputUnwritable, file: path, message: "\(error)")
        }
    }
}
