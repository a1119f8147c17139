import ParquetKit
import TestSupport
import Testing

/// Writer → ParquetReader round trips over codecs × dictionary policies × null patterns.
struct RoundTripTests {
    enum NullPattern: String, CaseIterable, Sendable {
        case none, some, all, alternating, leadingAndTrailingRuns

        func isNull(_ row: Int, of rows: Int) -> Bool {
            switch self {
            case .none: false
            case .some: row % 7 == 3
            case .all: true
            case .alternating: row % 2 == 0
            case .leadingAndTrailingRuns: row < 20 || row >= rows - 20
            }
        }
    }

    static let codecs: [ParquetCompression] = [.uncompressed, .snappy, .gzip]

    static func table(rows: Int, nulls: NullPattern) -> (ParquetSchema, [ParquetColumnValues]) {
        var rng = SeededRandom(seed: UInt64(rows))
        func maybe<T>(_ row: Int, _ value: T) -> T? { nulls.isNull(row, of: rows) ? nil : value }
        let words = ["alpha", "beta", "gamma", "", "δέλτα"]
        let repetition: ParquetRepetition = nulls == .none ? .required : .optional
        let schema = try! ParquetSchema([
            ParquetColumn("i32", .int32, repetition), ParquetColumn("i64", .int64, repetition),
            ParquetColumn("f64", .double, repetition), ParquetColumn("str", .string, repetition),
            ParquetColumn("lowCardinality", .int32),
        ])
        let columns: [ParquetColumnValues] = [
            .int32((0..<rows).map { maybe($0, Int32.random(in: .min ... .max, using: &rng)) }),
            .int64((0..<rows).map { maybe($0, Int64($0) * -3_000_000_017) }),
            .double((0..<rows).map { maybe($0, $0 % 50 == 1 ? .nan : Double.random(in: -1e6...1e6, using: &rng)) }),
            .string((0..<rows).map { maybe($0, words[$0 % words.count] + String($0 % 3)) }),
            .int32((0..<rows).map { maybe($0, Int32($0 % 4)) }),
        ]
        return (schema, columns)
    }

    @Test(arguments: codecs, ParquetDictionaryPolicy.allCases)
    func everyNullPatternRoundTrips(codec: ParquetCompression, dictionary: ParquetDictionaryPolicy) throws {
        for nulls in NullPattern.allCases {
            let (schema, columns) = Self.table(rows: 517, nulls: nulls)
            var options = ParquetWriterOptions(codec: codec, dictionary: dictionary)
            options.maximumRowsPerPage = 200  // several pages per chunk
            let bytes = try ParquetWriter.encode(schema: schema, columns: columns, options: options)
            let reader = try ParquetReader(bytes: bytes)
            #expect(reader.schema == schema)
            #expect(try reader.readAllColumns() == columns, "\(nulls)")
            try checkChunks(reader, columns: columns, codec: codec, dictionary: dictionary, nulls: nulls)
        }
    }

    private func checkChunks(
        _ reader: ParquetReader, columns: [ParquetColumnValues], codec: ParquetCompression,
        dictionary: ParquetDictionaryPolicy, nulls: NullPattern
    ) throws {
        let group = try #require(reader.metadata.rowGroups.first)
        for (index, chunk) in group.columns.enumerated() {
            let meta = try #require(chunk.metaData)
            #expect(meta.codec == codec)
            #expect(meta.numValues == 517)
            #expect(meta.statistics?.nullCount == Int64(columns[index].nullCount))
            if nulls == .all { #expect(meta.statistics?.minValue == nil) }
            let usesDictionary = meta.dictionaryPageOffset != nil
            #expect(usesDictionary == meta.encodings.contains(.rleDictionary))
            switch dictionary {
            case .never: #expect(!usesDictionary)
            case .always: #expect(usesDictionary == (nulls != .all))
            case .automatic: if index == 4 && nulls != .all { #expect(usesDictionary) }
            }
            let pages = try reader.pages(rowGroup: 0, column: index)
            #expect((pages.first?.header.type == .dictionaryPage) == usesDictionary)
            #expect(pages.filter { $0.header.type == .dataPage }.count == 3)
            let firstData = try #require(pages.first { $0.header.type == .dataPage })
            #expect(Int64(firstData.offset) == meta.dataPageOffset)
            let walked = pages.reduce(0) { $0 + $1.payload.upperBound - $1.offset }
            #expect(Int64(walked) == meta.totalCompressedSize)
            let uncompressed = pages.reduce(0) {
                $0 + $1.payload.lowerBound - $1.offset + Int($1.header.uncompressedPageSize)
            }
            #expect(Int64(uncompressed) == meta.totalUncompressedSize)
        }
    }

    @Test(arguments: codecs)
    func airlineShapedResultRoundTrips(codec: ParquetCompression) throws {
        let columns = SampleTables.airline()
        let bytes = try ParquetWriter.encode(
            schema: SampleTables.airlineSchema, columns: columns, options: .init(codec: codec))
        let reader = try ParquetReader(bytes: bytes)
        #expect(reader.metadata.numRows == 365)
        #expect(try reader.readAllColumns() == columns)
        #expect(try reader.readColumn(named: "DayOfMonth") == columns[2])
        // Keys are low-cardinality: dictionary; averages are unique: PLAIN.
        let encodings = reader.metadata.rowGroups[0].columns.map { $0.metaData?.encodings ?? [] }
        #expect(encodings.map { $0.contains(.rleDictionary) } == [true, true, true, false, false])
    }

    @Test func emptyTableRoundTripsWithOneEmptyRowGroup() throws {
        let (schema, _) = Self.table(rows: 0, nulls: .some)
        let columns = schema.columns.map { column -> ParquetColumnValues in
            switch column.type {
            case .int32: .int32([])
            case .int64: .int64([])
            case .double: .double([])
            case .string: .string([])
            }
        }
        let reader = try ParquetReader(bytes: ParquetWriter.encode(schema: schema, columns: columns))
        #expect(reader.metadata.numRows == 0)
        #expect(reader.metadata.rowGroups.count == 1)
        #expect(reader.metadata.rowGroups[0].columns.allSatisfy { $0.metaData?.codec == .snappy })
        #expect(try reader.readAllColumns() == columns)
    }

    @Test func extremeValuesRoundTripBitExactly() throws {
        let schema = try ParquetSchema([ParquetColumn("d", .double), ParquetColumn("s", .string)])
        let doubles: [Double?] = [-0.0, 0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, nil]
        let strings: [String?] = ["", "\0", String(repeating: "ü", count: 70_000), "🚀", nil, "a\nb", "x", "y"]
        for dictionary in ParquetDictionaryPolicy.allCases {
            let columns: [ParquetColumnValues] = [.double(doubles), .string(strings)]
            let bytes = try ParquetWriter.encode(
                schema: schema, columns: columns, options: .init(codec: .snappy, dictionary: dictionary))
            #expect(try ParquetReader(bytes: bytes).readAllColumns() == columns)
        }
    }
}
