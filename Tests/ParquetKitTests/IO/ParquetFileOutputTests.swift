import Foundation
import ParquetKit
import Testing

/// `ParquetWriter.write(…to:)`: the file appears complete or not at all.
struct ParquetFileOutputTests {
    typealias Folder = AtomicFileWriterTests.Folder

    @Test func writesAReadableFile() throws {
        let folder = try Folder()
        let path = "\(folder.path)/2007.parquet"
        try ParquetWriter.write(schema: SampleTables.airlineSchema, columns: SampleTables.airline(), to: path)
        let reader = try ParquetReader(path: path)
        #expect(try reader.readAllColumns() == SampleTables.airline())
        #expect(folder.entries == ["2007.parquet"])
    }

    @Test func streamedRowGroupsMatchTheInMemoryEncoding() throws {
        let folder = try Folder()
        var options = ParquetWriterOptions()
        options.rowGroupRows = 100
        let path = "\(folder.path)/t.parquet"
        try ParquetWriter.write(
            schema: SampleTables.airlineSchema, columns: SampleTables.airline(), to: path, options: options)
        let inMemory = try ParquetWriter.encode(
            schema: SampleTables.airlineSchema, columns: SampleTables.airline(), options: options)
        #expect(folder.read("t.parquet") == inMemory)
    }

    @Test func badInputCreatesNothing() throws {
        let folder = try Folder()
        #expect(throws: ParquetError.columnCountMismatch(expected: 5, actual: 0)) {
            try ParquetWriter.write(schema: SampleTables.airlineSchema, columns: [], to: "\(folder.path)/x.parquet")
        }
        #expect(folder.entries.isEmpty)
    }

    /// Fails on the third page, after earlier row groups were already streamed to disk.
    struct FailingCodec: ParquetCodec {
        final class Counter: @unchecked Sendable { var pages = 0 }
        let counter = Counter()
        var codec: ParquetCompression { .lz4Raw }
        func compress(_ input: [UInt8]) throws(ParquetError) -> [UInt8] {
            counter.pages += 1
            if counter.pages == 3 { throw .codecFailure(codec: .lz4Raw, reason: "disk of test") }
            return input
        }
        func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) -> [UInt8] { Array(input) }
    }

    @Test func failureMidStreamRemovesTheTemporaryFileAndKeepsTheOldFile() throws {
        let folder = try Folder()
        let path = "\(folder.path)/out.parquet"
        try AtomicFileWriter.write([1, 2, 3], to: path)
        var options = ParquetWriterOptions(codec: .lz4Raw, dictionary: .never)
        options.customCodecs = [FailingCodec()]
        options.rowGroupRows = 10
        let schema = try ParquetSchema([ParquetColumn("x", .int32)])
        #expect(throws: ParquetError.codecFailure(codec: .lz4Raw, reason: "disk of test")) {
            try ParquetWriter.write(
                schema: schema, columns: [.int32((0..<100).map { Int32($0) })], to: path, options: options)
        }
        #expect(folder.entries == ["out.parquet"])
        #expect(folder.read("out.parquet") == [1, 2, 3])
    }

    @Test func missingOutputFolderIsNamed() {
        #expect(throws: AtomicFileError.directoryNotFound(path: "/nonexistent-parquetkit")) {
            try ParquetWriter.write(
                schema: SampleTables.airlineSchema, columns: SampleTables.airline(),
                to: "/nonexistent-parquetkit/2007.parquet")
        }
    }
}
