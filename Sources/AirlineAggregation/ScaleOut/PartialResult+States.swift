import ParquetKit

/// The state columns of format version 2 beyond the numeric statistics: per min/max column that may hold text, its
/// text count and extreme spellings; per count(DISTINCT …) column, each group's distinct values.
extension PartialResult {
    func textAndDistinctStates() -> ([ParquetColumn], [ParquetColumnValues]) {
        let groups = table.groupCount
        var columns: [ParquetColumn] = []
        var values: [ParquetColumnValues] = []
        for (text, name) in textColumns.enumerated() {
            let states = (0..<groups).map { table.extremes(group: $0, text: text) }
            let spelling = { (id: Int32) -> String? in id < 0 ? nil : table.texts.string(Int(id)) }
            columns += [
                ParquetColumn("\(name).text_count", .int64, .required),
                ParquetColumn("\(name).text_min", .string), ParquetColumn("\(name).text_max", .string),
            ]
            values += [
                .int64(states.map(\.textCount)), .string(states.map { spelling($0.minimum) }),
                .string(states.map { spelling($0.maximum) }),
            ]
        }
        guard !distinctColumns.isEmpty else { return (columns, values) }
        var encoded = [String](repeating: "", count: groups * distinctColumns.count)
        table.distinct.forEach { group, set, value in
            encoded[group * distinctColumns.count + set] += DistinctEncoding.encode(value, texts: table.texts)
        }
        for (set, name) in distinctColumns.enumerated() {
            columns.append(ParquetColumn("\(name).distinct", .string, .required))
            values.append(.string((0..<groups).map { encoded[$0 * distinctColumns.count + set] }))
        }
        return (columns, values)
    }
}

/// `<column>.text_count`, `.text_min`, `.text_max` of one partial.
struct TextStateColumns {
    let counts: [Int64?]
    let minimums: [String?]
    let maximums: [String?]

    init(_ reader: ParquetReader, column: String, rows: Int) throws {
        func read(_ suffix: String) throws -> ParquetColumnValues {
            let values = try reader.readColumn(named: "\(column).\(suffix)")
            guard values.count == rows else {
                throw AggregationError(
                    .partialMismatch, message: "state column \(column).\(suffix) has \(values.count) rows, not \(rows)")
            }
            return values
        }
        guard case .int64(let counts) = try read("text_count"), case .string(let minimums) = try read("text_min"),
            case .string(let maximums) = try read("text_max")
        else {
            throw AggregationError(.partialMismatch, message: "the text state columns of \(column) have other types")
        }
        self.counts = counts
        self.minimums = minimums
        self.maximums = maximums
    }

    func load(_ row: Int, into table: GroupTable, group: Int, text column: Int) {
        table.addTextValues(counts[row] ?? 0, group: group, text: column)
        for case var spelling? in [minimums[row], maximums[row]] {
            spelling.withUTF8 { bytes in
                table.track(
                    bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, isText: false,
                    group: group, text: column)
            }
        }
    }
}

/// `<column>.distinct` of one partial: per group, its distinct values as ``DistinctEncoding`` text.
struct DistinctStateColumn {
    let column: String
    let encoded: [String?]

    init(_ reader: ParquetReader, column: String, rows: Int) throws {
        guard case .string(let encoded) = try reader.readColumn(named: "\(column).distinct"), encoded.count == rows
        else {
            throw AggregationError(
                .partialMismatch, message: "state column \(column).distinct is not text with \(rows) rows")
        }
        self.column = column
        self.encoded = encoded
    }

    func load(_ row: Int, into table: GroupTable, group: Int, set: Int) throws {
        guard let text = encoded[row] else { return }
        try DistinctEncoding.decode(text, column: column) { value in
            table.addDistinct(value, group: group, set: set)
        } intern: { bytes in
            bytes.withUnsafeBufferPointer {
                table.texts.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)
            }
        }
    }
}

/// One group's distinct values as text: `i<integer>;`, `d<16 hex digits of the bit pattern>;` or
/// `t<UTF-8 length>:<text>` per value, concatenated (lengths make any text safe without escaping).
enum DistinctEncoding {
    static func encode(_ value: DistinctSet.Value, texts: TextPool) -> String {
        switch value.kind {
        case .integer: return "i\(value.payload);"
        case .double: return "d\(String(UInt64(bitPattern: value.payload), radix: 16));"
        case .text:
            let text = texts.string(Int(value.payload))
            return "t\(text.utf8.count):\(text)"
        }
    }

    static func decode(
        _ text: String, column: String, _ add: (DistinctSet.Value) -> Void, intern: ([UInt8]) -> Int
    ) throws {
        let bytes = Array(text.utf8)
        var position = 0
        func fail() -> AggregationError {
            AggregationError(
                .partialMismatch, message: "state column \(column).distinct is malformed at byte \(position)")
        }
        func field(until terminator: UInt8) throws -> String {
            guard let end = bytes[position...].firstIndex(of: terminator) else { throw fail() }
            defer { position = end + 1 }
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }
        while position < bytes.count {
            let kind = bytes[position]
            position += 1
            switch kind {
            case UInt8(ascii: "i"):
                guard let value = Int64(try field(until: UInt8(ascii: ";"))) else { throw fail() }
                add(.init(kind: .integer, payload: value))
            case UInt8(ascii: "d"):
                guard let bits = UInt64(try field(until: UInt8(ascii: ";")), radix: 16) else { throw fail() }
                add(.init(kind: .double, payload: Int64(bitPattern: bits)))
            case UInt8(ascii: "t"):
                guard let length = Int(try field(until: UInt8(ascii: ":"))), length >= 0,
                    position + length <= bytes.count
                else { throw fail() }
                let id = intern(Array(bytes[position..<(position + length)]))
                position += length
                add(.init(kind: .text, payload: Int64(id)))
            default:
                throw fail()
            }
        }
    }
}
