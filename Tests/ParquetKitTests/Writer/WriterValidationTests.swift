import ParquetKit
import Testing

struct WriterValidationTests {
    static let schema = try! ParquetSchema([ParquetColumn("Year", .int32, .required), ParquetColumn("avg", .double)])

    @Test func schemaRejectsEmptyDuplicateAndUnnamedColumns() {
        #expect(throws: ParquetError.invalidSchema(reason: "a schema needs at least one column")) {
            _ = try ParquetSchema([])
        }
        #expect(throws: ParquetError.invalidSchema(reason: "column name 'a' appears more than once")) {
            _ = try ParquetSchema([ParquetColumn("a", .int32), ParquetColumn("a", .double)])
        }
        #expect(throws: ParquetError.invalidSchema(reason: "column names must not be empty")) {
            _ = try ParquetSchema([ParquetColumn("", .int32)])
        }
    }

    @Test func nonOptionalArraysConvertImplicitly() throws {
        let years: [Int32] = [2007, 2008]
        let averages: [Double] = [1.5, 2.5]
        let bytes = try ParquetWriter.encode(schema: Self.schema, columns: [.int32(years), .double(averages)])
        #expect(try ParquetReader(bytes: bytes).readAllColumns() == [.int32([2007, 2008]), .double([1.5, 2.5])])
    }

    @Test func sparkFileExtensions() {
        #expect(ParquetCompression.snappy.sparkFileExtension == ".snappy.parquet")
        #expect(ParquetCompression.gzip.sparkFileExtension == ".gz.parquet")
        #expect(ParquetCompression.uncompressed.sparkFileExtension == ".parquet")
        #expect(ParquetCompression.zstd.sparkFileExtension == ".zstd.parquet")
    }

    @Test func columnCountMismatch() {
        #expect(throws: ParquetError.columnCountMismatch(expected: 2, actual: 1)) {
            _ = try ParquetWriter.encode(schema: Self.schema, columns: [.int32([1])])
        }
    }

    @Test func columnLengthMismatchNamesTheColumn() {
        let error = ParquetError.columnLengthMismatch(column: "avg", expected: 2, actual: 1)
        #expect(throws: error) {
            _ = try ParquetWriter.encode(schema: Self.schema, columns: [.int32([1, 2]), .double([1])])
        }
        #expect(error.description == "column 'avg' has 1 value(s), expected 2 like the first column")
    }

    @Test func columnTypeMismatch() {
        #expect(throws: ParquetError.columnTypeMismatch(column: "avg", expected: .double, actual: .int64)) {
            _ = try ParquetWriter.encode(schema: Self.schema, columns: [.int32([1]), .int64([1])])
        }
    }

    @Test func nullInRequiredColumnNamesTheRow() {
        #expect(throws: ParquetError.nullInRequiredColumn(column: "Year", row: 1)) {
            _ = try ParquetWriter.encode(schema: Self.schema, columns: [.int32([1, nil]), .double([1, 2])])
        }
    }

    @Test func invalidOptions() {
        var options = ParquetWriterOptions()
        options.rowGroupRows = 0
        #expect(throws: ParquetError.self) { _ = try ParquetFileWriter(schema: Self.schema, options: options) }
        options = ParquetWriterOptions()
        options.dictionaryEncoding = .plain
        #expect(throws: ParquetError.self) { _ = try ParquetFileWriter(schema: Self.schema, options: options) }
        options = ParquetWriterOptions()
        options.pageSize = -1
        #expect(throws: ParquetError.self) { _ = try ParquetFileWriter(schema: Self.schema, options: options) }
    }

    @Test func rowRangeOutsideTheColumnsIsRejected() throws {
        var writer = try ParquetFileWriter(schema: Self.schema)
        #expect(throws: ParquetError.self) { try writer.write([.int32([1]), .double([1])], rows: 0..<2) }
    }

    @Test func writingAfterFinishThrows() throws {
        var writer = try ParquetFileWriter(schema: Self.schema)
        _ = try writer.finish()
        #expect(throws: ParquetError.writerFinished) { try writer.write([.int32([1]), .double([1])]) }
        #expect(throws: ParquetError.writerFinished) { _ = try writer.finish() }
    }
}
