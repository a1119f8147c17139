import Testing

@testable import ParquetKit

/// The writer's shortcuts give what the general code gives: page ends of chunks without nulls, and number
/// dictionaries built without `Hashable`.
struct WriterFastPathTests {
    @Test(arguments: [1, 3, 64, 1 << 20], [1, 7, 20_000])
    func presentPageEndIsTheScannedEnd(pageSize: Int, maximumRowsPerPage: Int) {
        var options = ParquetWriterOptions()
        options.pageSize = pageSize
        options.maximumRowsPerPage = maximumRowsPerPage
        let writer = ColumnChunkWriter(column: ParquetColumn("c", .int64), options: options, codec: SnappyCodec())
        for bits in [0, 1, 5, 8, 13, 32] {
            for rows in [0..<1, 3..<50, 0..<100_000] {
                var start = rows.lowerBound
                while start < rows.upperBound {
                    let scanned = writer.pageEnd(rows, from: start, level: { _ in 1 }, bits: { _ in bits })
                    let computed = writer.presentPageEnd(rows, from: start, bits: bits)
                    #expect(computed == scanned, "bits \(bits), rows \(rows), from \(start)")
                    if computed != scanned { return }
                    start = computed.end
                }
            }
        }
    }

    /// The dictionary a `Hashable` map builds: distinct values in first-seen order, an index per non-null value.
    static func reference<Value: ParquetPrimitive>(_ values: [Value?]) -> (
        values: [Value.DictionaryKey], indices: [UInt32]
    ) {
        var positions: [Value.DictionaryKey: UInt32] = [:]
        var distinct: [Value.DictionaryKey] = []
        var indices: [UInt32] = []
        for value in values {
            guard let key = value?.dictionaryKey else { continue }
            if let index = positions[key] {
                indices.append(index)
            } else {
                positions[key] = UInt32(distinct.count)
                indices.append(UInt32(distinct.count))
                distinct.append(key)
            }
        }
        return (distinct, indices)
    }

    static func check<Value: ParquetPrimitive>(_ values: [Value?]) throws {
        let built = try #require(DictionaryBuilder(values[...], maximumBytes: 1 << 24))
        let expected = reference(values)
        #expect(built.values.map(\.dictionaryKey) == expected.values)
        #expect(built.indices == expected.indices)
    }

    @Test func numberDictionariesMatchAHashableMap() throws {
        // 50,000 values over 20,011 distinct ones (the index grows many times), nulls, and values that differ
        // only in their high bits or sign.
        let count = 50_000
        let longs: [Int64?] = (0..<count).map { row in
            if row % 17 == 0 { return nil }
            let value = Int64((row * 7919) % 20_011)
            return (value << 40) - 5
        }
        try Self.check(longs)
        let ints: [Int32?] = (0..<count).map { row in
            if row % 19 == 0 { return nil }
            let value = Int32((row * 104_729) % 20_011)
            return value &* -65_537
        }
        try Self.check(ints)
        let specials: [Double] = [0.0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude]
        let doubles: [Double?] = (0..<count).map { row in
            if row % 23 == 0 { return nil }
            if row % 5 == 0 { return specials[row % specials.count] }
            return Double((row * 31) % 20_011) / 3
        }
        try Self.check(doubles)
    }
}
