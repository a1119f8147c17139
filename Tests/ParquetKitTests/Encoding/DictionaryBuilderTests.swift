import ParquetKit
import Testing

struct DictionaryBuilderTests {
    @Test func distinctValuesInFirstSeenOrderWithIndicesPerNonNullValue() throws {
        let values: [String?] = ["b", "a", nil, "b", "c", "a"]
        let dictionary = try #require(DictionaryBuilder(values[...], maximumBytes: 1 << 20))
        #expect(dictionary.values == ["b", "a", "c"])
        #expect(dictionary.indices == [0, 1, 0, 2, 1])
        #expect(dictionary.indexBitWidth == 2)
        #expect(dictionary.dictionaryPlainSize == 15)
        #expect(dictionary.plainSize == 25)
    }

    @Test func doublesAreKeyedByBitPattern() throws {
        let values: [Double?] = [0.0, -0.0, .nan, .nan, 0.0]
        let dictionary = try #require(DictionaryBuilder(values[...], maximumBytes: 1 << 20))
        #expect(dictionary.values.count == 3)
        #expect(dictionary.indices == [0, 1, 2, 2, 0])
    }

    @Test func stopsOnceTheDictionaryExceedsTheLimit() {
        let values: [Int64?] = (0..<100).map { Int64($0) }
        #expect(DictionaryBuilder(values[...], maximumBytes: 8 * 99) == nil)
        #expect(DictionaryBuilder(values[...], maximumBytes: 8 * 100) != nil)
    }

    @Test func singleEntryDictionaryHasBitWidthZero() throws {
        let values: [Int32?] = Array(repeating: 2007, count: 365)
        let dictionary = try #require(DictionaryBuilder(values[...], maximumBytes: 1 << 20))
        #expect(dictionary.indexBitWidth == 0)
        #expect(dictionary.estimatedEncodedSize < dictionary.plainSize)
    }

    @Test func automaticModeAbandonsMostlyDistinctColumnsEarly() {
        let unique: [Int64?] = (0..<10_000).map { Int64($0) }
        #expect(DictionaryBuilder(unique[...], maximumBytes: 1 << 20, abandonWhenMostlyDistinct: true) == nil)
        #expect(DictionaryBuilder(unique[...], maximumBytes: 1 << 20, abandonWhenMostlyDistinct: false) != nil)
        let halfDistinct: [Int64?] = (0..<10_000).map { Int64($0 / 2) }
        #expect(DictionaryBuilder(halfDistinct[...], maximumBytes: 1 << 20, abandonWhenMostlyDistinct: true) != nil)
    }
}
