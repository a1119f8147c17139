import ParquetKit
import Testing

struct StatisticsBuilderTests {
    private func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
    private func le(_ value: Double) -> [UInt8] { le(value.bitPattern) }

    @Test func int32BoundsAreSignedAndSkipNulls() {
        let stats = StatisticsBuilder.statistics(of: [5, nil, -7, 3, nil][...] as ArraySlice<Int32?>)
        #expect(stats.minValue == le(Int32(-7)))
        #expect(stats.maxValue == le(Int32(5)))
        #expect(stats.nullCount == 2)
        #expect(stats.isMinValueExact == true)
    }

    @Test func int64Extremes() {
        let stats = StatisticsBuilder.statistics(of: [Int64.max, Int64.min][...] as ArraySlice<Int64?>)
        #expect(stats.minValue == le(Int64.min))
        #expect(stats.maxValue == le(Int64.max))
        #expect(stats.nullCount == 0)
    }

    @Test func allNullChunkHasNullCountOnly() {
        let stats = StatisticsBuilder.statistics(of: [nil, nil, nil][...] as ArraySlice<Double?>)
        #expect(stats.nullCount == 3)
        #expect(stats.minValue == nil)
        #expect(stats.maxValue == nil)
        #expect(stats.isMinValueExact == nil)
    }

    @Test func doublesSkipNaNAndWidenZeros() {
        let stats = StatisticsBuilder.statistics(of: [.nan, 0.0, 2.5, nil][...] as ArraySlice<Double?>)
        #expect(stats.minValue == le(-0.0))
        #expect(stats.maxValue == le(2.5))
        let negativeZero = StatisticsBuilder.statistics(of: [-1.0, -0.0][...] as ArraySlice<Double?>)
        #expect(negativeZero.maxValue == le(0.0))
        #expect(negativeZero.minValue == le(-1.0))
        let onlyNaN = StatisticsBuilder.statistics(of: [.nan, .nan][...] as ArraySlice<Double?>)
        #expect(onlyNaN.minValue == nil && onlyNaN.maxValue == nil && onlyNaN.nullCount == 0)
    }

    @Test func stringsCompareUnsignedBytewiseWithoutLengthPrefix() {
        // "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9): byte order, not locale order.
        let stats = StatisticsBuilder.statistics(of: ["a", "é", "Z", nil][...] as ArraySlice<String?>)
        #expect(stats.minValue == [0x5A])
        #expect(stats.maxValue == [0xC3, 0xA9])
        // A combining sequence sorts by its bytes too (Swift's String < would use canonical equivalence).
        let accents = StatisticsBuilder.statistics(of: ["e\u{301}", "é"][...] as ArraySlice<String?>)
        #expect(accents.minValue == Array("e\u{301}".utf8))
    }

    @Test func distinctCountOnlyWhenGiven() {
        let values: ArraySlice<Int32?> = [1, 2][...]
        #expect(StatisticsBuilder.statistics(of: values).distinctCount == nil)
        #expect(StatisticsBuilder.statistics(of: values, distinctCount: 2).distinctCount == 2)
    }

    /// A dictionary chunk takes its bounds from the dictionary, not from every row: they must be the bounds a PLAIN
    /// chunk of the same values gets (nulls counted, NaN skipped, zeros widened, strings byte-wise).
    @Test(arguments: [
        ParquetColumnValues.string(["tpa", nil, "ATL", "ATL", "Zürich", nil, "tpa", "", "ATL"]),
        .double([2.5, .nan, nil, 0.0, -1.0, 2.5, 0.0, .nan, nil]),
        .int64([7, 7, nil, -3, 7, Int64.min, -3, nil, 7]),
    ])
    func dictionaryChunkBoundsEqualPlainChunkBounds(values: ParquetColumnValues) throws {
        let schema = try ParquetSchema([ParquetColumn("c", values.type, .optional)])
        func statistics(_ policy: ParquetDictionaryPolicy) throws -> ParquetFormat.Statistics? {
            var options = ParquetWriterOptions()
            options.dictionary = policy
            var writer = try ParquetFileWriter(schema: schema, options: options)
            try writer.write([values])
            _ = try writer.finish()
            let chunk = try #require(writer.metadata?.rowGroups.first?.columns.first?.metaData)
            #expect(chunk.encodings.contains(.rleDictionary) == (policy == .always))
            return chunk.statistics
        }
        let plain = try #require(try statistics(.never))
        let dictionary = try #require(try statistics(.always))
        #expect(dictionary == plain)
        #expect(dictionary.nullCount == Int64(values.nullCount))
    }
}
