import ParquetKit
import Testing

/// Every footer struct survives writer → reader unchanged, including optional fields.
struct FooterRoundTripTests {
    static let statistics = ParquetFormat.Statistics(
        nullCount: 2, distinctCount: 5, maxValue: [9, 0, 0, 0], minValue: [1, 0, 0, 0], isMaxValueExact: true,
        isMinValueExact: false)

    static let metaData = ParquetFormat.ColumnMetaData(
        type: .int32, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["Year"], codec: .snappy, numValues: 365,
        totalUncompressedSize: 1234, totalCompressedSize: 999, dataPageOffset: 40, dictionaryPageOffset: 4,
        statistics: statistics)

    static let footer = ParquetFormat.FileMetaData(
        version: 1,
        schema: [
            ParquetFormat.SchemaElement(name: "schema", numChildren: 2),
            ParquetFormat.SchemaElement(type: .int32, repetitionType: .optional, name: "Year"),
            ParquetFormat.SchemaElement(
                type: .byteArray, repetitionType: .required, name: "Carrier", convertedType: .utf8, logicalType: .string
            ),
        ],
        numRows: 365,
        rowGroups: [
            ParquetFormat.RowGroup(
                columns: [
                    ParquetFormat.ColumnChunk(fileOffset: 4, metaData: metaData),
                    ParquetFormat.ColumnChunk(fileOffset: 1003, metaData: nil),
                ],
                totalByteSize: 5000, numRows: 365, fileOffset: 4, totalCompressedSize: 4000, ordinal: 0)
        ],
        keyValueMetadata: [.init(key: "a", value: "1"), .init(key: "b", value: nil)],
        createdBy: ParquetKitVersion.createdBy(build: "abc1234"),
        columnOrders: [.typeDefined, .typeDefined])

    @Test func fileMetaDataRoundTrips() throws {
        let decoded = try ParquetFormat.FileMetaData(thriftBytes: Self.footer.thriftBytes())
        #expect(decoded == Self.footer)
    }

    @Test func pageHeadersRoundTrip() throws {
        let data = ParquetFormat.PageHeader(
            type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80, crc: -5,
            dataPageHeader: .init(numValues: 20, encoding: .plain))
        #expect(try ParquetFormat.PageHeader(thriftBytes: data.thriftBytes()) == data)
        let dictionary = ParquetFormat.PageHeader(
            type: .dictionaryPage, uncompressedPageSize: 12, compressedPageSize: 12,
            dictionaryPageHeader: .init(numValues: 3, encoding: .plain, isSorted: false))
        #expect(try ParquetFormat.PageHeader(thriftBytes: dictionary.thriftBytes()) == dictionary)
    }

    @Test func dataPageHeaderBytesWriteEveryRequiredFieldEvenWhenZero() {
        let header = ParquetFormat.PageHeader(
            type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0,
            dataPageHeader: .init(numValues: 0, encoding: .plain))
        // type 0, sizes 0, 0, then struct field 5 (delta 2 → 0x2C) with four zero i32 fields.
        #expect(
            header.thriftBytes() == [
                0x15, 0x00, 0x15, 0x00, 0x15, 0x00, 0x2C, 0x15, 0x00, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00,
            ])
    }

    @Test func statisticsWriteOnlyPresentFields() {
        let stats = ParquetFormat.Statistics(nullCount: 0, maxValue: [1], minValue: [0])
        // null_count (id 3, 0x36), max_value (id 5, delta 2, 0x28), min_value (0x18), stop.
        #expect(stats.thriftBytes() == [0x36, 0x00, 0x28, 0x01, 0x01, 0x18, 0x01, 0x00, 0x00])
    }

    @Test func columnOrderIsTheTypeOrderUnionMember() {
        #expect(ParquetFormat.ColumnOrder.typeDefined.thriftBytes() == [0x1C, 0x00, 0x00])
    }

    @Test func unknownEnumValuesStillDecode() throws {
        var element = ParquetFormat.SchemaElement(type: .int32, repetitionType: .optional, name: "x")
        element.type = ParquetFormat.PhysicalType(rawValue: 42)
        let decoded = try ParquetFormat.SchemaElement(thriftBytes: element.thriftBytes())
        #expect(decoded.type?.rawValue == 42)
        #expect(decoded.type?.description == "PhysicalType(42)")
    }
}
