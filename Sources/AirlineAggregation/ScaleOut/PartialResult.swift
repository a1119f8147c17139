import Foundation
import ParquetKit

/// The mergeable state of one map task: per group, the keys, the row count and, per aggregated column, exact
/// integer and compensated floating statistics (enough for count, sum, min, max and avg), the text extremes of
/// min/max columns that may hold text, and the distinct values of each count(DISTINCT …) column; plus which query
/// made it and which part of which input it covers.
///
/// Stored as Parquet (format version ``formatVersion``, described in Docs/ScaleOut.md): one row per group, group
/// keys plus state columns, the rest in key/value metadata, so any Parquet reader can inspect it.
///
/// ```swift
/// let partial = try await Aggregation.partial(of: try .file("2007.csv"), range: 0..<350_000_000, spec)
/// try partial.write(to: "out/2007-0.partial.parquet")
/// let back = try PartialResult(path: "out/2007-0.partial.parquet")
/// ```
public struct PartialResult: Sendable {
    /// The on-disk format version this library writes and reads.
    /// Version 2 added the text extremes and distinct sets; version 1 partials are refused (run their map again).
    public static let formatVersion = 2
    /// The file-name suffix the merge looks for in a folder or blob prefix.
    public static let fileSuffix = ".partial.parquet"

    /// The query the states belong to.
    public var query: QueryFingerprint
    /// The header of the input(s) the query was resolved against.
    public var header: [String]
    /// What the states cover.
    public var coverage: [InputCoverage]
    /// Rows aggregated, rows dropped by WHERE, malformed rows skipped, and CSV bytes parsed.
    public var rows: Int
    public var rowsFiltered: Int
    public var rowsSkipped: Int
    public var bytesRead: Int
    /// Groups in the partial.
    public var groups: Int { table.groupCount }

    let table: GroupTable
    /// The header names of the aggregated columns, in value-slot order.
    let valueColumns: [String]
    /// The header names of the min/max columns with text extremes, and of the count(DISTINCT …) columns.
    let textColumns: [String]
    let distinctColumns: [String]

    init(
        query: QueryFingerprint, header: [String], coverage: [InputCoverage], rows: Int, rowsFiltered: Int,
        rowsSkipped: Int, bytesRead: Int, table: GroupTable, valueColumns: [String], textColumns: [String] = [],
        distinctColumns: [String] = []
    ) {
        self.textColumns = textColumns
        self.distinctColumns = distinctColumns
        self.query = query
        self.header = header
        self.coverage = coverage
        self.rows = rows
        self.rowsFiltered = rowsFiltered
        self.rowsSkipped = rowsSkipped
        self.bytesRead = bytesRead
        self.table = table
        self.valueColumns = valueColumns
    }

    // MARK: Writing

    /// Writes the partial atomically (temporary file in the same folder, fsync, rename).
    /// - Throws: ``AggregationError`` (`outputUnwritable`).
    public func write(to path: String) throws {
        let (schema, columns, options) = try encodedParts()
        do {
            try ParquetWriter.write(schema: schema, columns: columns, to: path, options: options)
        } catch {
            throw AggregationError(.outputUnwritable, file: path, message: "cannot write the partial result: \(error)")
        }
    }

    /// The partial as Parquet bytes.
    public func encoded() throws -> [UInt8] {
        let (schema, columns, options) = try encodedParts()
        do {
            return try ParquetWriter.encode(schema: schema, columns: columns, options: options)
        } catch {
            throw AggregationError(.outputUnwritable, message: "cannot encode the partial result: \(error)")
        }
    }

    private func encodedParts() throws -> (ParquetSchema, [ParquetColumnValues], ParquetWriterOptions) {
        let groups = table.groupCount
        var columns: [ParquetColumn] = []
        var values: [ParquetColumnValues] = []
        for position in 0..<table.keyCount {
            var numbers: [Int64?] = []
            var texts: [String?] = []
            numbers.reserveCapacity(groups)
            texts.reserveCapacity(groups)
            for group in 0..<groups {
                let key = table.key(position, of: group)
                if key == GroupTable.nullKey {
                    numbers.append(nil)
                    texts.append(nil)
                } else if GroupTable.isText(key) {
                    numbers.append(nil)
                    texts.append(table.texts.string(Int(key - GroupTable.textBase)))
                } else {
                    numbers.append(key)
                    texts.append(nil)
                }
            }
            columns += [ParquetColumn("key\(position)", .int64), ParquetColumn("key\(position)_text", .string)]
            values += [.int64(numbers), .string(texts)]
        }
        columns.append(ParquetColumn("rows", .int64, .required))
        values.append(.int64((0..<groups).map { table.rowCount(of: $0) }))
        for (slot, name) in valueColumns.enumerated() {
            let stats = (0..<groups).map { table.statistics(group: $0, value: slot) }
            for field in StateField.all {
                columns.append(
                    ParquetColumn("\(name).\(field.name)", field.type, field.nullable ? .optional : .required))
                values.append(field.encode(stats))
            }
        }
        let (stateColumns, stateValues) = textAndDistinctStates()
        columns += stateColumns
        values += stateValues
        var options = ParquetWriterOptions(codec: .snappy)
        options.createdBy = ParquetResultWriter.createdBy
        options.keyValueMetadata = try metadata().map { .init(key: $0.key, value: $0.value) }
        do {
            return (try ParquetSchema(columns), values, options)
        } catch {
            throw AggregationError(.invalidQuery, message: "cannot lay out the partial result: \(error)")
        }
    }

    private func metadata() throws -> [(key: String, value: String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        let counts = PartialCounts(
            rows: rows, rowsFiltered: rowsFiltered, rowsSkipped: rowsSkipped, bytesRead: bytesRead)
        return [
            (MetadataKey.format, String(Self.formatVersion)),
            (MetadataKey.fingerprint, query.hash),
            (MetadataKey.query, query.canonical),
            (MetadataKey.header, try json(header)),
            (MetadataKey.values, try json(valueColumns)),
            (MetadataKey.texts, try json(textColumns)),
            (MetadataKey.distinct, try json(distinctColumns)),
            (MetadataKey.keys, String(table.keyCount)),
            (MetadataKey.coverage, try json(coverage)),
            (MetadataKey.counts, try json(counts)),
        ]
    }

    // MARK: Reading

    /// Reads a partial written by ``write(to:)``.
    /// - Throws: ``AggregationError`` (`partialMismatch` for another format version or a file that is not a partial
    ///   result, `inputUnreadable` when the file cannot be read).
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AggregationError(.inputUnreadable, file: path, message: "cannot read the partial result")
        }
        try self.init(bytes: [UInt8](data), name: path)
    }

    /// Decodes a partial from its Parquet bytes; `name` labels errors.
    public init(bytes: [UInt8], name: String) throws {
        let reader: ParquetReader
        do { reader = try ParquetReader(bytes: bytes) } catch {
            throw AggregationError(.partialMismatch, file: name, message: "not a readable Parquet file: \(error)")
        }
        var metadata: [String: String] = [:]
        for entry in reader.metadata.keyValueMetadata ?? [] { metadata[entry.key] = entry.value }
        func required(_ key: String) throws -> String {
            guard let value = metadata[key] else {
                throw AggregationError(
                    .partialMismatch, file: name, message: "no '\(key)' metadata: not a partial result of this library")
            }
            return value
        }
        let version = try required(MetadataKey.format)
        guard version == String(Self.formatVersion) else {
            throw AggregationError(
                .partialMismatch, file: name,
                message: "partial format version \(version); this library reads version \(Self.formatVersion)")
        }
        let decoder = JSONDecoder()
        func decode<Value: Decodable>(_ type: Value.Type, _ key: String) throws -> Value {
            do { return try decoder.decode(type, from: Data(try required(key).utf8)) } catch let error
                as AggregationError
            {
                throw error
            } catch {
                throw AggregationError(
                    .partialMismatch, file: name, message: "metadata '\(key)' does not decode: \(error)")
            }
        }
        let canonical = try required(MetadataKey.query)
        let header = try decode([String].self, MetadataKey.header)
        let valueColumns = try decode([String].self, MetadataKey.values)
        let textColumns = try decode([String].self, MetadataKey.texts)
        let distinctColumns = try decode([String].self, MetadataKey.distinct)
        let coverage = try decode([InputCoverage].self, MetadataKey.coverage)
        let counts = try decode(PartialCounts.self, MetadataKey.counts)
        guard let keyCount = Int(try required(MetadataKey.keys)), keyCount >= 0 else {
            throw AggregationError(
                .partialMismatch, file: name, message: "metadata '\(MetadataKey.keys)' is not a count")
        }
        let table = GroupTable(
            keyCount: keyCount, valueCount: valueColumns.count, textColumnCount: textColumns.count,
            distinctCount: distinctColumns.count)
        do {
            try Self.load(
                reader, into: table, keyCount: keyCount, valueColumns: valueColumns, textColumns: textColumns,
                distinctColumns: distinctColumns)
        } catch let error as AggregationError {
            var located = error
            located.file = name
            throw located
        } catch {
            throw AggregationError(.partialMismatch, file: name, message: "state columns do not decode: \(error)")
        }
        self.init(
            query: QueryFingerprint(canonical: canonical), header: header, coverage: coverage, rows: counts.rows,
            rowsFiltered: counts.rowsFiltered, rowsSkipped: counts.rowsSkipped, bytesRead: counts.bytesRead,
            table: table, valueColumns: valueColumns, textColumns: textColumns, distinctColumns: distinctColumns)
    }

    private static func load(
        _ reader: ParquetReader, into table: GroupTable, keyCount: Int, valueColumns: [String], textColumns: [String],
        distinctColumns: [String]
    ) throws {
        let rows = try int64(reader.readColumn(named: "rows"), "rows").map { $0 ?? 0 }
        var keyNumbers: [[Int64?]] = []
        var keyTexts: [[String?]] = []
        for position in 0..<keyCount {
            keyNumbers.append(try int64(reader.readColumn(named: "key\(position)"), "key\(position)"))
            guard case .string(let texts) = try reader.readColumn(named: "key\(position)_text") else {
                throw AggregationError(.partialMismatch, message: "column key\(position)_text is not text")
            }
            keyTexts.append(texts)
        }
        var states: [[ValueStatistics]] = []
        for name in valueColumns {
            var stats = [ValueStatistics](repeating: ValueStatistics(), count: rows.count)
            for field in StateField.all {
                let column = "\(name).\(field.name)"
                try field.decode(try reader.readColumn(named: column), into: &stats, column: column)
            }
            states.append(stats)
        }
        let textStates = try textColumns.map { try TextStateColumns(reader, column: $0, rows: rows.count) }
        let distinctStates = try distinctColumns.map { try DistinctStateColumn(reader, column: $0, rows: rows.count) }
        let key = UnsafeMutablePointer<Int64>.allocate(capacity: Swift.max(1, keyCount))
        defer { key.deallocate() }
        for row in rows.indices {
            for position in 0..<keyCount {
                if let text = keyTexts[position][row] {
                    var bytes = Array(text.utf8)
                    let id = bytes.withUnsafeMutableBufferPointer {
                        table.texts.intern($0.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!, count: $0.count)
                    }
                    key[position] = GroupTable.textBase + Int64(id)
                } else {
                    key[position] = keyNumbers[position][row] ?? GroupTable.nullKey
                }
            }
            let group = table.group(for: key)
            table.addRows(rows[row], group: group)
            for slot in valueColumns.indices { table.merge(states[slot][row], group: group, value: slot) }
            for (column, state) in textStates.enumerated() { state.load(row, into: table, group: group, text: column) }
            for (set, state) in distinctStates.enumerated() {
                try state.load(row, into: table, group: group, set: set)
            }
        }
    }

    private static func int64(_ values: ParquetColumnValues, _ name: String) throws -> [Int64?] {
        guard case .int64(let numbers) = values else {
            throw AggregationError(.partialMismatch, message: "column \(name) is \(values.type), not int64")
        }
        return numbers
    }

    enum MetadataKey {
        static let format = "airline.partial.format"
        static let fingerprint = "airline.partial.fingerprint"
        static let query = "airline.partial.query"
        static let header = "airline.partial.header"
        static let values = "airline.partial.values"
        static let texts = "airline.partial.texts"
        static let distinct = "airline.partial.distinct"
        static let keys = "airline.partial.keys"
        static let coverage = "airline.partial.coverage"
        static let counts = "airline.partial.counts"
    }
}

struct PartialCounts: Codable {
    var rows: Int
    var rowsFiltered: Int
    var rowsSkipped: Int
    var bytesRead: Int
}

/// One state column per aggregated input column: its name suffix, type, and how it maps to ``ValueStatistics``.
struct StateField: Sendable {
    let name: String
    let type: ParquetColumnType
    let nullable: Bool
    let encode: @Sendable ([ValueStatistics]) -> ParquetColumnValues
    let apply: @Sendable (inout ValueStatistics, ParquetColumnValues, Int) -> Void

    func decode(_ values: ParquetColumnValues, into stats: inout [ValueStatistics], column: String) throws {
        guard values.type == type, values.count == stats.count else {
            throw AggregationError(
                .partialMismatch,
                message: "state column \(column) is \(values.type) × \(values.count), expected \(type) × \(stats.count)"
            )
        }
        for row in stats.indices { apply(&stats[row], values, row) }
    }

    private static func integer(
        _ name: String, nullable: Bool = false, _ read: @escaping @Sendable (ValueStatistics) -> Int64?,
        _ write: @escaping @Sendable (inout ValueStatistics, Int64) -> Void
    ) -> StateField {
        StateField(name: name, type: .int64, nullable: nullable, encode: { .int64($0.map(read)) }) {
            stats, values, row in
            if case .int64(let numbers) = values, let value = numbers[row] { write(&stats, value) }
        }
    }

    private static func double(
        _ name: String, nullable: Bool = false, _ read: @escaping @Sendable (ValueStatistics) -> Double?,
        _ write: @escaping @Sendable (inout ValueStatistics, Double) -> Void
    ) -> StateField {
        StateField(name: name, type: .double, nullable: nullable, encode: { .double($0.map(read)) }) {
            stats, values, row in
            if case .double(let numbers) = values, let value = numbers[row] { write(&stats, value) }
        }
    }

    /// Format version 1. Minimums and maximums are null when no value of that kind was seen, or when the query
    /// reads no min/max of the column (the table keeps no range for it: its range is empty).
    static let all: [StateField] = [
        integer("integer_count", { $0.integerCount }) { $0.integerCount = $1 },
        integer("integer_sum", { $0.integerSum }) { $0.integerSum = $1 },
        integer("integer_sum_carry", { $0.sumCarry }) { $0.sumCarry = $1 },
        integer("integer_min", nullable: true, { hasIntegerRange($0) ? $0.integerMin : nil }) { $0.integerMin = $1 },
        integer("integer_max", nullable: true, { hasIntegerRange($0) ? $0.integerMax : nil }) { $0.integerMax = $1 },
        integer("double_count", { $0.doubleCount }) { $0.doubleCount = $1 },
        double("double_sum", { $0.doubleSumHigh }) { $0.doubleSumHigh = $1 },
        double("double_sum_compensation", { $0.doubleSumLow }) { $0.doubleSumLow = $1 },
        double("double_min", nullable: true, { hasDoubleRange($0) ? $0.doubleMin : nil }) { $0.doubleMin = $1 },
        double("double_max", nullable: true, { hasDoubleRange($0) ? $0.doubleMax : nil }) { $0.doubleMax = $1 },
    ]

    /// Integers were seen and the range was kept (kept, it is never empty once an integer was added).
    private static func hasIntegerRange(_ stats: ValueStatistics) -> Bool {
        stats.integerCount > 0 && stats.integerMin <= stats.integerMax
    }

    /// Values with a fraction were seen and the range was kept (NaN alone leaves it empty, read back the same).
    private static func hasDoubleRange(_ stats: ValueStatistics) -> Bool {
        stats.doubleCount > 0 && stats.doubleMin <= stats.doubleMax
    }
}
