import ParquetKit
import Testing

/// The byte layout of whole files: magic, footer, row groups, offsets and sizes.
struct FileLayoutTests {
    static let schema = try! ParquetSchema([ParquetColumn("k", .int32), ParquetColumn("v", .double, .required)])
    static func columns(_ rows: Int) -> [ParquetColumnValues] {
        [.int32((0..<rows).map { $0 % 3 == 0 ? nil : Int32($0 % 10) }), .double((0..<rows).map { Double($0) / 8 })]
    }

    @Test func magicFooterLengthAndFooterFields() throws {
        var options = ParquetWriterOptions()
        options.keyValueMetadata = [.init(key: "query", value: "SELECT 1")]
        options.createdBy = ParquetKitVersion.createdBy(build: "0123abc")
        let bytes = try ParquetWriter.encode(schema: Self.schema, columns: Self.columns(10), options: options)
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let length = bytes[bytes.count - 8..<bytes.count - 4].reversed().reduce(0) { $0 << 8 | Int($1) }
        let footer = try ParquetFormat.FileMetaData(
            thriftBytes: Array(bytes[bytes.count - 8 - length..<bytes.count - 8]))
        #expect(footer.version == 1)
        #expect(footer.numRows == 10)
        #expect(footer.createdBy == "azurebatchdata-parquetkit version 0.1.0 (build 0123abc)")
        #expect(footer.keyValueMetadata == [.init(key: "query", value: "SELECT 1")])
        #expect(footer.columnOrders == [.typeDefined, .typeDefined])
        #expect(footer.schema.map(\.name) == ["schema", "k", "v"])
        #expect(
            footer.schema[0].numChildren == 2 && footer.schema[0].type == nil && footer.schema[0].repetitionType == nil)
        #expect(footer.schema[1].repetitionType == .optional && footer.schema[2].repetitionType == .required)
    }

    @Test func createdByFollowsTheApplicationVersionBuildForm() {
        let pattern = /^[a-z-]+ version \d+\.\d+\.\d+( \(build [0-9a-f]+\))?$/
        #expect(ParquetKitVersion.createdBy.wholeMatch(of: pattern) != nil)
        #expect(ParquetKitVersion.createdBy(build: "abc123").wholeMatch(of: pattern) != nil)
        #expect(!ParquetKitVersion.createdBy.hasPrefix("parquet-"))
    }

    @Test func rowGroupsSplitAndRecordOffsetsAndSizes() throws {
        var options = ParquetWriterOptions(codec: .snappy, dictionary: .always)
        options.rowGroupRows = 300
        let bytes = try ParquetWriter.encode(schema: Self.schema, columns: Self.columns(1000), options: options)
        let reader = try ParquetReader(bytes: bytes)
        let groups = reader.metadata.rowGroups
        #expect(groups.map(\.numRows) == [300, 300, 300, 100])
        #expect(groups.map(\.ordinal) == [0, 1, 2, 3])
        var expectedOffset: Int64 = 4
        for group in groups {
            let metas = group.columns.compactMap(\.metaData)
            #expect(group.fileOffset == expectedOffset)
            #expect(group.columns.first?.fileOffset == expectedOffset)
            #expect(group.totalByteSize == metas.reduce(0) { $0 + $1.totalUncompressedSize })
            #expect(group.totalCompressedSize == metas.reduce(0) { $0 + $1.totalCompressedSize })
            for (chunk, meta) in zip(group.columns, metas) {
                #expect(chunk.fileOffset == (meta.dictionaryPageOffset ?? meta.dataPageOffset))
                if let dictionary = meta.dictionaryPageOffset { #expect(dictionary < meta.dataPageOffset) }
            }
            expectedOffset += group.totalCompressedSize ?? 0
        }
        #expect(expectedOffset == Int64(reader.footerOffset))
        #expect(try reader.readAllColumns() == Self.columns(1000))
    }

    @Test func pagesAreCutByRowsAndBySize() throws {
        var options = ParquetWriterOptions(codec: .uncompressed, dictionary: .never)
        options.maximumRowsPerPage = 100
        var reader = try ParquetReader(
            bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(1000), options: options))
        #expect(
            try reader.pages(rowGroup: 0, column: 1).map { $0.header.dataPageHeader?.numValues }
                == Array(repeating: 100, count: 10))
        options.maximumRowsPerPage = 20_000
        options.pageSize = 800  // 100 doubles
        reader = try ParquetReader(
            bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(1000), options: options))
        let pages = try reader.pages(rowGroup: 0, column: 1)
        #expect(pages.count == 10)
        #expect(pages.allSatisfy { $0.header.uncompressedPageSize == 800 })
        #expect(try reader.readAllColumns() == Self.columns(1000))
    }

    @Test func automaticDictionaryOnlyWhenSmaller() throws {
        let schema = try ParquetSchema([ParquetColumn("few", .string), ParquetColumn("unique", .int64)])
        let rows = 2000
        let columns: [ParquetColumnValues] = [
            .string((0..<rows).map { ["JFK", "LAX", "ORD"][$0 % 3] }), .int64((0..<rows).map { Int64($0) }),
        ]
        let reader = try ParquetReader(bytes: ParquetWriter.encode(schema: schema, columns: columns))
        let metas = reader.metadata.rowGroups[0].columns.compactMap(\.metaData)
        #expect(metas[0].encodings == [.plain, .rle, .rleDictionary])
        #expect(metas[1].encodings == [.plain, .rle])
        #expect(metas[1].dictionaryPageOffset == nil)
    }

    @Test func oversizedDictionaryFallsBackToPlainForTheWholeChunk() throws {
        var options = ParquetWriterOptions(codec: .snappy, dictionary: .always)
        options.maximumDictionaryPageSize = 100
        let reader = try ParquetReader(
            bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(500), options: options))
        let metas = reader.metadata.rowGroups[0].columns.compactMap(\.metaData)
        #expect(metas[0].dictionaryPageOffset != nil)  // 10 distinct ints fit
        #expect(metas[1].dictionaryPageOffset == nil)  // 500 doubles do not
        #expect(try reader.pages(rowGroup: 0, column: 1).allSatisfy { $0.header.dataPageHeader?.encoding == .plain })
    }

    @Test func legacyPlainDictionarySpelling() throws {
        var options = ParquetWriterOptions(codec: .snappy, dictionary: .always)
        options.dictionaryEncoding = .plainDictionary
        let reader = try ParquetReader(
            bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(50), options: options))
        let pages = try reader.pages(rowGroup: 0, column: 0)
        #expect(pages.first?.header.dictionaryPageHeader?.encoding == .plainDictionary)
        #expect(pages.last?.header.dataPageHeader?.encoding == .plainDictionary)
        #expect(reader.metadata.rowGroups[0].columns[0].metaData?.encodings == [.plainDictionary, .rle])
        #expect(try reader.readAllColumns() == Self.columns(50))
    }

    @Test func distinctCountIsOptIn() throws {
        var options = ParquetWriterOptions(codec: .snappy, dictionary: .never)
        options.writeDistinctCount = true
        let reader = try ParquetReader(
            bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(100), options: options))
        let stats = reader.metadata.rowGroups[0].columns.map { $0.metaData?.statistics?.distinctCount }
        #expect(stats == [10, 100])  // k: row % 10 over rows not divisible by 3 → all of 0...9; v unique
        let plain = try ParquetReader(bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(100)))
        #expect(plain.metadata.rowGroups[0].columns.allSatisfy { $0.metaData?.statistics?.distinctCount == nil })
    }

    @Test func statisticsCanBeTurnedOff() throws {
        var options = ParquetWriterOptions()
        options.writeStatistics = false
        let reader = try ParquetReader(
            bytes: ParquetWriter.encode(schema: Self.schema, columns: Self.columns(10), options: options))
        #expect(reader.metadata.columnOrders == nil)
        #expect(reader.metadata.rowGroups[0].columns.allSatisfy { $0.metaData?.statistics == nil })
    }

    @Test func incrementalWriterMatchesOneShotEncode() throws {
        var writer = try ParquetFileWriter(schema: Self.schema)
        let columns = Self.columns(90)
        try writer.write(columns, rows: 0..<40)
        var bytes = writer.takeBytes()
        try writer.write(columns, rows: 40..<90)
        bytes += writer.takeBytes()
        bytes += try writer.finish()
        let reader = try ParquetReader(bytes: bytes)
        #expect(reader.metadata.rowGroups.map(\.numRows) == [40, 50])
        #expect(try reader.readAllColumns() == columns)
        #expect(writer.metadata == reader.metadata)
        #expect(writer.rowCount == 90)
    }

    /// A stand-in codec (bytes reversed) registered under LZ4_RAW shows that codecs plug in.
    struct ReversingCodec: ParquetCodec {
        var codec: ParquetCompression { .lz4Raw }
        func compress(_ input: [UInt8]) -> [UInt8] { input.reversed() }
        func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) -> [UInt8] { input.reversed() }
    }

    @Test func customCodecsPlugIn() throws {
        var options = ParquetWriterOptions(codec: .lz4Raw)
        #expect(
            throws: ParquetError.codecUnavailable(
                codec: .lz4Raw, reason: "this build supports UNCOMPRESSED, SNAPPY and GZIP")
        ) {
            _ = try ParquetWriter.encode(schema: Self.schema, columns: Self.columns(5), options: options)
        }
        options.customCodecs = [ReversingCodec()]
        let bytes = try ParquetWriter.encode(schema: Self.schema, columns: Self.columns(5), options: options)
        #expect(throws: ParquetError.self) { _ = try ParquetReader(bytes: bytes).readAllColumns() }
        var reader = try ParquetReader(bytes: bytes)
        reader.customCodecs = [ReversingCodec()]
        #expect(try reader.readAllColumns() == Self.columns(5))
    }
}
