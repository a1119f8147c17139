/// Errors of the Parquet writer and reader. Each case's description names the
/// column, value, offset or codec involved.
public enum ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schema cannot be written (no columns, duplicate or empty names…).
    case invalidSchema(reason: String)
    /// The number of column arrays differs from the number of schema columns.
    case columnCountMismatch(expected: Int, actual: Int)
    /// A column array has a different length than the first column.
    case columnLengthMismatch(column: String, expected: Int, actual: Int)
    /// A column array's Swift type does not match its schema type.
    case columnTypeMismatch(column: String, expected: ParquetColumnType, actual: ParquetColumnType)
    /// A REQUIRED column holds a null.
    case nullInRequiredColumn(column: String, row: Int)
    /// A value or page exceeds a format limit (Int32 page sizes, UInt32 string lengths).
    case valueTooLarge(column: String, reason: String)
    /// The codec is not implemented (yet) in this build.
    case codecUnavailable(codec: ParquetFormat.CompressionCodec, reason: String)
    /// A codec failed to compress or decompress a page.
    case codecFailure(codec: ParquetFormat.CompressionCodec, reason: String)
    /// A writer option is out of range.
    case invalidOption(name: String, reason: String)
    /// ``ParquetFileWriter/write(_:)`` or ``ParquetFileWriter/finish()`` after `finish()`.
    case writerFinished
    /// A page payload could not be decoded (reader side).
    case corruptPage(reason: String)
    /// The file is not a readable Parquet file: names the byte offset and cause.
    case corruptFile(offset: Int, reason: String)
    /// The file uses a feature the project's small reader does not support.
    case unsupportedFeature(String)

    public var description: String {
        switch self {
        case .invalidSchema(let reason):
            "invalid Parquet schema: \(reason)"
        case .columnCountMismatch(let expected, let actual):
            "the schema has \(expected) column(s) but \(actual) column array(s) were given"
        case .columnLengthMismatch(let column, let expected, let actual):
            "column '\(column)' has \(actual) value(s), expected \(expected) like the first column"
        case .columnTypeMismatch(let column, let expected, let actual):
            "column '\(column)' is declared \(expected) but was given \(actual) values"
        case .nullInRequiredColumn(let column, let row):
            "column '\(column)' is REQUIRED but row \(row) is null"
        case .valueTooLarge(let column, let reason):
            "column '\(column)': \(reason)"
        case .codecUnavailable(let codec, let reason):
            "\(codec) codec unavailable: \(reason)"
        case .codecFailure(let codec, let reason):
            "\(codec) codec failed: \(reason)"
        case .invalidOption(let name, let reason):
            "invalid writer option \(name): \(reason)"
        case .writerFinished:
            "the Parquet writer was already finished; start a new ParquetFileWriter"
        case .corruptPage(let reason):
            "corrupt Parquet page: \(reason)"
        case .corruptFile(let offset, let reason):
            "corrupt Parquet file at byte \(offset): \(reason)"
        case .unsupportedFeature(let what):
            "unsupported Parquet feature: \(what)"
        }
    }
}
