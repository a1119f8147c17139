/// How a CSV input is spelled: delimiter, quote, header presence and the tokens that mean null.
///
/// The default is RFC 4180 with a header line and the ASA Data Expo null spellings (`NA` and the empty field).
///
/// ```swift
/// let tsv = CSVDialect(delimiter: UInt8(ascii: "\t"), nullTokens: ["", "NULL"])
/// ```
public struct CSVDialect: Sendable, Hashable {
    /// The field separator (one ASCII byte; not the quote, CR or LF).
    public var delimiter: UInt8
    /// The quote byte; a doubled quote inside a quoted field is one literal quote.
    public var quote: UInt8
    /// Whether the first record names the columns. Without one, columns are named `_c0`, `_c1`, … as in Spark.
    public var hasHeader: Bool
    /// Field spellings read as SQL NULL (compared after unquoting). Include `""` to make empty fields null.
    public var nullTokens: [String]

    public init(
        delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), hasHeader: Bool = true,
        nullTokens: [String] = ["NA", ""]
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.hasHeader = hasHeader
        self.nullTokens = nullTokens
    }

    /// RFC 4180 with a header and `NA`/empty as null.
    public static let standard = CSVDialect()

    /// Checks that the dialect's bytes can be told apart.
    func validate() throws {
        let reserved: Set<UInt8> = [0x0A, 0x0D]
        guard delimiter != quote, !reserved.contains(delimiter), !reserved.contains(quote) else {
            throw AggregationError(
                .invalidQuery,
                message: "CSV dialect: delimiter (\(delimiter)) and quote (\(quote)) must differ and not be CR or LF")
        }
    }

    /// The null tokens as byte arrays, for comparisons in the hot loop.
    var nullTokenBytes: [[UInt8]] { nullTokens.map { Array($0.utf8) } }
}
