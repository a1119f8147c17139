import Foundation
import ParquetKit
import Testing

/// Writes sample files for the external oracle when PARQUETKIT_SAMPLE_DIR is set
/// (a manual check; regular test runs skip it):
///
///     PARQUETKIT_SAMPLE_DIR=/tmp/pq-samples swift test --filter OracleSampleTests
///     for f in /tmp/pq-samples/*.parquet; do /tmp/venv-peers/bin/python \
///         ../shared/tools/parquet_oracle.py "$f" --expect-rows <rows> --expect-codec <codec>; done
///
/// File names encode the expectations: `<name>.<rows>rows.<CODEC>.parquet`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PARQUETKIT_SAMPLE_DIR"] != nil))
struct OracleSampleTests {
    static let codecs: [ParquetCompression] = [.snappy, .uncompressed, .gzip]

    @Test(arguments: codecs)
    func writeSamples(codec: ParquetCompression) throws {
        let folder = try #require(ProcessInfo.processInfo.environment["PARQUETKIT_SAMPLE_DIR"])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples: [(String, ParquetSchema, [ParquetColumnValues], ParquetDictionaryPolicy, Int)] = [
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
        for (name, schema, columns, dictionary, rowGroupRows) in samples {
            var options = ParquetWriterOptions(codec: codec, dictionary: dictionary)
            options.rowGroupRows = rowGroupRows
            options.pageSize = 64 << 10
            options.keyValueMetadata = [.init(key: "sample", value: name)]
            let rows = columns.first?.count ?? 0
            let path = "\(folder)/\(name).\(rows)rows.\(codec).parquet"
            try ParquetWriter.write(schema: schema, columns: columns, to: path, options: options)
        }
        var legacy = ParquetWriterOptions(codec: codec, dictionary: .always)
        legacy.dictionaryEncoding = .plainDictionary
        try ParquetWriter.write(
            schema: SampleTables.airlineSchema, columns: SampleTables.airline(),
            to: "\(folder)/airline-legacydict.365rows.\(codec).parquet", options: legacy)
    }
}

extension ParquetColumnValues {
    func prefix(_ count: Int) -> ParquetColumnValues {
        switch self {
        case .int32(let v): .int32(Array(v.prefix(count)))
        case .int64(let v): .int64(Array(v.prefix(count)))
        case .double(let v): .double(Array(v.prefix(count)))
        case .string(let v): .string(Array(v.prefix(count)))
        }
    }
}
