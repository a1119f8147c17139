import Testing

@testable import AirlineAggregation

@Suite("Reference tokenizer (RFC 4180 rules)")
struct TokenizerTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: [[String]]
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        .init(name: "plain LF", input: "a,b\n1,2\n", expected: [["a", "b"], ["1", "2"]]),
        .init(name: "CRLF", input: "a,b\r\n1,2\r\n", expected: [["a", "b"], ["1", "2"]]),
        .init(name: "no final newline", input: "a,b\n1,2", expected: [["a", "b"], ["1", "2"]]),
        .init(name: "BOM", input: "\u{FEFF}a,b\n1,2\n", expected: [["a", "b"], ["1", "2"]]),
        .init(name: "quoted delimiter", input: "a,b\n\"x,y\",2\n", expected: [["a", "b"], ["x,y", "2"]]),
        .init(name: "doubled quote", input: "a\n\"say \"\"hi\"\"\"\n", expected: [["a"], ["say \"hi\""]]),
        .init(name: "embedded newline", input: "a,b\n\"l1\nl2\",3\n", expected: [["a", "b"], ["l1\nl2", "3"]]),
        .init(name: "embedded CRLF", input: "a,b\r\n\"l1\r\nl2\",3\r\n", expected: [["a", "b"], ["l1\r\nl2", "3"]]),
        .init(name: "empty fields", input: "a,b,c\n,,\n", expected: [["a", "b", "c"], ["", "", ""]]),
        .init(
            name: "blank lines skipped", input: "a,b\n\n1,2\n\r\n3,4\n",
            expected: [["a", "b"], ["1", "2"], ["3", "4"]]),
        .init(
            name: "blank lines in one column are empty fields", input: "a\n\n1\n\r\n2\n",
            expected: [["a"], [""], ["1"], [""], ["2"]]),
        .init(name: "blank lines before the first record", input: "\n\na\n1\n", expected: [["a"], ["1"]]),
        .init(name: "quoted empty", input: "a,b\n\"\",x\n", expected: [["a", "b"], ["", "x"]]),
        .init(name: "CR only at end", input: "a,b\n1,2\r", expected: [["a", "b"], ["1", "2"]]),
    ]

    @Test(arguments: vectors)
    func splitsRecords(_ vector: Vector) throws {
        let records = try ReferenceTokenizer().records(Array(vector.input.utf8))
        #expect(records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } } == vector.expected)
    }

    @Test func recordLinesCountEmbeddedNewlines() throws {
        let records = try ReferenceTokenizer().records(Array("h\n\"a\nb\"\nc\n".utf8))
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: AggregationError.self) { try ReferenceTokenizer().records(Array("a\n\"open\n".utf8)) }
    }

    @Test func tabDelimiterAndSingleQuote() throws {
        let dialect = CSVDialect(delimiter: UInt8(ascii: "\t"), quote: UInt8(ascii: "'"))
        let records = try ReferenceTokenizer(dialect: dialect).records(Array("a\tb\n'x\ty'\t2\n".utf8))
        #expect(records[1].fields.map { String(decoding: $0, as: UTF8.self) } == ["x\ty", "2"])
    }
}
