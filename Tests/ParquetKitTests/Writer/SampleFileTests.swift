import Foundation
import ParquetKit
import Testing

/// Every sample variant (dictionary policies, several row groups, an empty table, the legacy PLAIN_DICTIONARY
/// encoding) under each codec: written to a file, read back equal, with the codec in every column chunk.
///
/// The files are written to a temporary folder, or kept in `PARQUETKIT_SAMPLE_DIR` when it is set, for the
/// external oracle (pyarrow) to read as well:
///
///     PARQUETKIT_SAMPLE_DIR=/tmp/pq-samples swift test --filter SampleFileTests
///     for f in /tmp/pq-samples/*.parquet; do python ../shared/tools/parquet_oracle.py "$f" \
///         --expect-rows <rows> --expect-codec <codec>; done
///
/// File names encode the expectations: `<name>.<rows>rows.<CODEC>.parquet`.
@Suite("Sample files: every variant round-trips under every codec")
struct SampleFileTests {
    static let codecs: [ParquetCompression] = [.snappy, .uncompressed, .gzip]

    @Test(arguments: codecs)
    func samplesRoundTrip(codec: ParquetCompression) throws {
        let kept = ProcessInfo.processInfo.environment["PARQUETKIT_SAMPLE_DIR"]
        let folder = kept ?? NSTemporaryDirectory() + "parquet-samples-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: folder) } }
        var samples: [(String, ParquetSchema, [ParquetColumnValues], ParquetWriterOptions)] = []
        let variants: [(String, ParquetSchema, [ParquetColumnValues], ParquetDictionaryPolicy, Int)] = [
            ("airline", SampleTables.airlineSchema, SampleTables.airline(), .automatic, 1 << 20),
            ("airline-dict", SampleTables.airlineSchema, SampleTables.airline(), .always, 1 << 20),
            ("airline-plain", SampleTables.airlineSchema, SampleTables.airline(), .never, 1 << 20),
            (
                "airline-empty", SampleTables.airlineSchema, SampleTables.airline().map { $0.prefix(0) }, .automatic,
                1 << 20
            ),
            ("mixed-dict", SampleTables.mixedSchema, SampleTables.mixed(rows: 50_000), .always, 20_000),
            ("mixed-plain", SampleTables.mixedSchema, SampleTables.mixed(rows: 50_000), .never, 20_000),
            ("mixed-auto", SampleTables.mixedSchema, SampleTables.mixed(rows: 3_000), .automatic, 1 << 20),
        ]
        for (name, schema, columns, dictionary, rowGroupRows) in variants {
            var options = ParquetWriterOptions(codec: codec, dictionary: dictionary)
            options.rowGroupRows = rowGroupRows
            options.pageSize = 64 << 10
            options.keyValueMetadata = [.init(key: "sample", value: name)]
            samples.append((name, schema, columns, options))
        }
        var legacy = ParquetWriterOptions(codec: codec, dictionary: .always)
        legacy.dictionaryEncoding = .plainDictionary
        samples.append(("airline-legacydict", SampleTables.airlineSchema, SampleTables.airline(), legacy))
        for (name, schema, columns, options) in samples {
            let rows = columns.first?.count ?? 0
            let path = "\(folder)/\(name).\(rows)rows.\(codec).parquet"
            try ParquetWriter.write(schema: schema, columns: columns, to: path, options: options)
            let reader = try ParquetReader(path: path)
            #expect(try reader.readAllColumns() == columns, "\(name)")
            let codecs = reader.metadata.rowGroups.flatMap(\.columns).compactMap(\.metaData?.codec)
            #expect(codecs.allSatisfy { $0 == codec }, "\(name): \(codecs)")
        }
    }
}

extension ParquetColumnValues {
    func prefix(_ count: Int) -> ParquetColumnValues {
        switch self {
        case .int32(let v): .int32(Array(v.prefix(count)))
        case .int64(let v): .int64(Array(v.prefix(count)))
        case .double(let v): .double(Array(v.prefix(count)))
        case .string(let v): .string(Array(v.prefix(count)))
        case .dictionaryString(let v): .string(Array(v.strings.prefix(count)))
        }
    }
}
