import ParquetKit
import Testing

/// Text columns passed as a ready dictionary (``ParquetStringDictionary``): the file must be the one the same rows
/// written as strings produce, chunk by chunk (the chunk's dictionary is the entries it uses, in first-use order).
struct StringDictionaryTests {
    static let schema = try! ParquetSchema([ParquetColumn("text", .string), ParquetColumn("n", .int64)])

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let dictionary: [String]
        let indices: [Int32]
        var rowGroupRows = 1 << 20
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "dictionary in reverse of first use", dictionary: ["c", "b", "a"], indices: [2, 1, 0, 2, 2, 1]),
        Case(name: "nulls and empty strings", dictionary: ["", "x", "yy"], indices: [-1, 0, 1, -1, 0, 2, -1, 0]),
        Case(name: "unused entries are left out", dictionary: ["unused", "SFO", "zzz", "OAK"], indices: [1, 3, 3, 1]),
        Case(name: "all null", dictionary: ["a"], indices: [-1, -1, -1]),
        Case(name: "no rows", dictionary: ["a"], indices: []),
        Case(
            name: "unicode and bytes above 0x7F", dictionary: ["é", "z", "a", "日本", "a\u{0}"],
            indices: [0, 1, 2, 3, 4, 0, 2]),
        Case(
            name: "several row groups, each its own dictionary",
            dictionary: (0..<50).map { "key\($0)" },
            indices: Self.spreadWithNulls,
            rowGroupRows: 128),
    ]

    /// 1000 rows over 50 keys, every ninth row null.
    static let spreadWithNulls: [Int32] = (0..<1000).map { (row: Int) -> Int32 in
        row % 9 == 0 ? ParquetStringDictionary.nullIndex : Int32((row * 7) % 50)
    }

    static func counts(_ rows: Int) -> ParquetColumnValues { .int64((0..<rows).map { Int64($0) }) }

    static func encode(_ text: ParquetColumnValues, rows: Int, options: ParquetWriterOptions) throws -> [UInt8] {
        try ParquetWriter.encode(schema: schema, columns: [text, counts(rows)], options: options)
    }

    @Test(arguments: cases) func sameFileAsStrings(_ test: Case) throws {
        let column = try ParquetStringDictionary(dictionary: test.dictionary, indices: test.indices)
        var options = ParquetWriterOptions()
        options.rowGroupRows = test.rowGroupRows
        options.maximumRowsPerPage = 64
        let fromDictionary = try Self.encode(.dictionaryString(column), rows: column.count, options: options)
        let fromStrings = try Self.encode(.string(column.strings), rows: column.count, options: options)
        #expect(fromDictionary == fromStrings)
        let reader = try ParquetReader(bytes: fromDictionary)
        #expect(try reader.readColumn(named: "text") == .string(column.strings))
    }

    @Test(arguments: [ParquetDictionaryPolicy.always, .never, .automatic])
    func everyPolicyMatchesStrings(_ policy: ParquetDictionaryPolicy) throws {
        // Mostly distinct: `.automatic` writes PLAIN, `.always` a dictionary, `.never` PLAIN.
        let column = try ParquetStringDictionary(
            dictionary: (0..<300).map { "tail\($0)" }, indices: (0..<300).map { Int32(299 - $0) })
        var options = ParquetWriterOptions()
        options.dictionary = policy
        let bytes = try Self.encode(.dictionaryString(column), rows: 300, options: options)
        #expect(bytes == (try Self.encode(.string(column.strings), rows: 300, options: options)))
        let encodings = try ParquetReader(bytes: bytes).metadata.rowGroups[0].columns[0].metaData?.encodings ?? []
        #expect(encodings.contains(.rleDictionary) == (policy == .always))
    }

    /// Over the page limit the chunk is written PLAIN without building the strings' dictionary: the bytes must
    /// still be the strings' (under both policies that build one, at several limits and with nulls).
    @Test(arguments: [ParquetDictionaryPolicy.always, .automatic], [0, 40, 200, 1000])
    func overThePageLimitSameFileAsStrings(_ policy: ParquetDictionaryPolicy, limit: Int) throws {
        let column = try ParquetStringDictionary(
            dictionary: (0..<60).map { "tail-number-\($0)" },
            indices: (0..<900).map { $0 % 7 == 0 ? ParquetStringDictionary.nullIndex : Int32(($0 * 13) % 60) })
        var options = ParquetWriterOptions()
        options.dictionary = policy
        options.maximumDictionaryPageSize = limit
        options.rowGroupRows = 300
        let bytes = try Self.encode(.dictionaryString(column), rows: 900, options: options)
        #expect(bytes == (try Self.encode(.string(column.strings), rows: 900, options: options)))
    }

    @Test func dictionaryOverThePageLimitFallsBackToPlain() throws {
        let column = try ParquetStringDictionary(
            dictionary: (0..<40).map { String(repeating: "v", count: 10) + "\($0)" },
            indices: (0..<400).map { Int32($0 % 40) })
        var options = ParquetWriterOptions()
        options.maximumDictionaryPageSize = 200  // 40 entries of 16-17 bytes do not fit
        let bytes = try Self.encode(.dictionaryString(column), rows: 400, options: options)
        let reader = try ParquetReader(bytes: bytes)
        let chunk = try #require(reader.metadata.rowGroups[0].columns[0].metaData)
        #expect(chunk.dictionaryPageOffset == nil)
        #expect(!chunk.encodings.contains(.rleDictionary))
        #expect(try reader.readColumn(named: "text") == .string(column.strings))
        #expect(bytes == (try Self.encode(.string(column.strings), rows: 400, options: options)))
    }

    @Test func statisticsAreTheChunksUTF8ByteOrderBoundsAndNulls() throws {
        // "é" (C3 A9) sorts after "z" in byte order; "unused" is never referenced and must not widen the bounds.
        let column = try ParquetStringDictionary(dictionary: ["unused", "é", "z", "b"], indices: [2, -1, 1, 3, 2, -1])
        let reader = try ParquetReader(bytes: try Self.encode(.dictionaryString(column), rows: 6, options: .init()))
        let chunk = try #require(reader.metadata.rowGroups[0].columns[0].metaData)
        let statistics = try #require(chunk.statistics)
        #expect(statistics.minValue == Array("b".utf8))
        #expect(statistics.maxValue == Array("é".utf8))
        #expect(statistics.nullCount == 2)
        #expect(chunk.dictionaryPageOffset != nil)
    }

    @Test func indexOutsideTheDictionaryIsRejected() {
        #expect(
            throws: ParquetError.invalidOption(
                name: "indices", reason: "row 1 refers to entry 2 of a 2-entry dictionary")
        ) {
            _ = try ParquetStringDictionary(dictionary: ["a", "b"], indices: [0, 2])
        }
        #expect(throws: ParquetError.self) { _ = try ParquetStringDictionary(dictionary: ["a"], indices: [-2]) }
    }

    @Test func requiredColumnRejectsANullIndex() throws {
        let schema = try ParquetSchema([ParquetColumn("text", .string, .required)])
        let column = try ParquetStringDictionary(dictionary: ["a"], indices: [0, -1])
        #expect(throws: ParquetError.nullInRequiredColumn(column: "text", row: 1)) {
            _ = try ParquetWriter.encode(schema: schema, columns: [.dictionaryString(column)])
        }
    }
}
