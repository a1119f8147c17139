import ParquetKit
import Testing

struct PageEncoderTests {
    @Test func optionalPlainPageIsLengthPrefixedLevelsThenValues() {
        let payload = PageEncoder.plainDataPage([7, nil, 9][...] as ArraySlice<Int32?>, optional: true)
        // levels 1,0,1: one bit-packed group (0x03) of bits 101 = 0x05, length 2
        #expect(payload == [2, 0, 0, 0, 0x03, 0x05, 7, 0, 0, 0, 9, 0, 0, 0])
    }

    @Test func requiredPlainPageHasNoLevels() {
        let payload = PageEncoder.plainDataPage([7, 9][...] as ArraySlice<Int32?>, optional: false)
        #expect(payload == [7, 0, 0, 0, 9, 0, 0, 0])
    }

    @Test func allValidLevelsCollapseToOneRun() {
        let values = [Double?](repeating: 1, count: 1000)
        let payload = PageEncoder.plainDataPage(values[...], optional: true)
        #expect(Array(payload.prefix(7)) == [3, 0, 0, 0, 0xD0, 0x0F, 0x01])
        #expect(payload.count == 7 + 8000)
    }

    @Test func dictionaryPageHoldsBitWidthAndIndices() {
        let values: [String?] = ["x", nil, "y", "x"]
        let payload = PageEncoder.dictionaryDataPage(values[...], indices: [0, 1, 0][...], bitWidth: 1, optional: true)
        // levels 1,0,1,1 → 0x0D; bit width 1; indices 0,1,0 → one group 0b010 = 0x02
        #expect(payload == [2, 0, 0, 0, 0x03, 0x0D, 0x01, 0x03, 0x02])
    }

    @Test func dictionaryPageIsPlain() {
        #expect(PageEncoder.dictionaryPage(["ab", "c"]) == [2, 0, 0, 0, 0x61, 0x62, 1, 0, 0, 0, 0x63])
    }

    @Test func pageWriterCountsHeaderAndPayloadBytes() throws {
        var pages = PageWriter(codec: UncompressedCodec(), column: "c")
        var out: [UInt8] = []
        try pages.appendDataPage(payload: [1, 2, 3, 4], numValues: 1, encoding: .plain, to: &out)
        let header = try ParquetFormat.PageHeader(thriftBytes: out)
        #expect(header.type == .dataPage)
        #expect(header.uncompressedPageSize == 4 && header.compressedPageSize == 4)
        #expect(header.dataPageHeader == ParquetFormat.DataPageHeader(numValues: 1, encoding: .plain))
        #expect(Array(out.suffix(4)) == [1, 2, 3, 4])
        #expect(pages.totalCompressedSize == out.count)
        #expect(pages.totalUncompressedSize == out.count)
    }

    @Test func snappyPagesRecordBothSizes() throws {
        var pages = PageWriter(codec: SnappyCodec(), column: "c")
        var out: [UInt8] = []
        let payload = [UInt8](repeating: 9, count: 4096)
        try pages.appendDataPage(payload: payload, numValues: 4096, encoding: .plain, to: &out)
        let header = try ParquetFormat.PageHeader(thriftBytes: out)
        #expect(header.uncompressedPageSize == 4096)
        #expect(Int(header.compressedPageSize) < 4096)
        #expect(pages.totalCompressedSize == out.count)
        #expect(pages.totalUncompressedSize == out.count - Int(header.compressedPageSize) + 4096)
    }
}
