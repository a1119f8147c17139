/// A deliberately simple byte-at-a-time CSV tokenizer.
///
/// It defines the dialect's semantics in the plainest form: the header is read with it, and the fuzz tests check the
/// fast block scanner against it. Rules (shared with ``ChunkParser``):
/// - the quote byte toggles "inside quotes" wherever it appears; separators and newlines inside quotes are data;
/// - records end at LF outside quotes; a CR just before that LF is dropped;
/// - a field that starts and ends with the quote byte is unquoted and `""` becomes `"`;
/// - an empty line (nothing but an optional CR) is skipped when the first record has several fields; in a one-column
///   file it is a record with one empty field (a null under the standard dialect), as in DuckDB; empty lines before
///   the first record are skipped;
/// - a UTF-8 BOM at the start is ignored; the last record needs no newline.
public struct ReferenceTokenizer: Sendable {
    /// One record's fields (unquoted bytes) and the 1-based line on which the record starts.
    public struct Record: Sendable, Hashable {
        public var fields: [[UInt8]]
        public var line: Int
    }

    public var dialect: CSVDialect

    public init(dialect: CSVDialect = .standard) { self.dialect = dialect }

    /// Splits `bytes` into records.
    /// - Throws: ``AggregationError/Kind/unterminatedQuote`` when the input ends inside a quoted field.
    public func records(_ bytes: [UInt8]) throws -> [Record] {
        let (records, failure) = scan(bytes)
        if let failure { throw failure }
        return records
    }

    /// Splits `bytes` into the complete records and, if the input ends inside quotes, the error for that.
    public func scan(_ bytes: [UInt8]) -> (records: [Record], unterminated: AggregationError?) {
        var start = 0
        if bytes.starts(with: Self.bom) { start = 3 }
        var records: [Record] = []
        var fields: [[UInt8]] = []
        var fieldStart = start
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteOpenedAt = 0
        var index = start
        // Blank lines are records only once the first record showed the input has a single column.
        func keep(_ fields: [[UInt8]], blank: Bool) -> Bool {
            !blank || records.first.map { $0.fields.count == 1 } ?? false
        }
        func closeField(_ end: Int, trimCR: Bool) {
            var raw = Array(bytes[fieldStart..<end])
            if trimCR, raw.last == 0x0D { raw.removeLast() }
            fields.append(Self.unquote(raw, quote: dialect.quote))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == dialect.quote {
                inQuotes.toggle()
                if inQuotes { quoteOpenedAt = index }
            } else if !inQuotes && byte == dialect.delimiter {
                closeField(index, trimCR: false)
                fieldStart = index + 1
            } else if byte == 0x0A {
                if !inQuotes {
                    closeField(index, trimCR: true)
                    if keep(
                        fields, blank: fields.count == 1 && fields[0].isEmpty && Self.isBlank(bytes, fieldStart, index))
                    {
                        records.append(Record(fields: fields, line: recordLine))
                    }
                    fields = []
                    fieldStart = index + 1
                    recordLine = line + 1
                }
                line += 1
            }
            index += 1
        }
        if inQuotes {
            return (
                records,
                AggregationError(
                    .unterminatedQuote, line: recordLine, byteOffset: quoteOpenedAt,
                    message: "quoted field opened at byte \(quoteOpenedAt) is not closed before the end of input")
            )
        }
        if fieldStart < bytes.count || !fields.isEmpty {
            closeField(bytes.count, trimCR: true)
            if keep(fields, blank: fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(fields: fields, line: recordLine))
            }
        }
        return (records, nil)
    }

    /// The UTF-8 byte order mark.
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `"ab""c"` → `ab"c`; anything not both starting and ending with a quote is returned as is.
    static func unquote(_ raw: [UInt8], quote: UInt8) -> [UInt8] {
        guard raw.count >= 2, raw.first == quote, raw.last == quote else { return raw }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count - 2)
        var index = 1
        while index < raw.count - 1 {
            out.append(raw[index])
            if raw[index] == quote, index + 1 < raw.count - 1, raw[index + 1] == quote { index += 1 }
            index += 1
        }
        return out
    }

    /// A line holding nothing but an optional CR.
    private static func isBlank(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        end == start || (end == start + 1 && bytes[start] == 0x0D)
    }
}
