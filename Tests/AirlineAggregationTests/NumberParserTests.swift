import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

@Suite("Integer and float parsing")
struct NumberParserTests {
    static func parse(_ text: String) -> ParsedNumber {
        let bytes = Array(text.utf8) + Array(repeating: 0, count: 16)
        return bytes.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, count: text.utf8.count) }
    }

    @Test(arguments: ["0", "7", "-7", "+7", "42", "-1234", "007", "999999999999999999", "-999999999999999999"])
    func integers(_ text: String) {
        #expect(Self.parse(text) == .integer(Int64(text)!))
    }

    @Test(arguments: [
        "1.5", "-0.25", "3.14159", ".5", "5.", "1e3", "1E-3", "-2.5e+10", "0.1", "123456789.123456789",
        "1234567890123456789012", "4.9e-324", "1.7976931348623157e308", "2.2250738585072014e-308",
        "0.30000000000000004", "1e22", "1e23",
    ])
    func doublesMatchTheStandardLibrary(_ text: String) {
        #expect(Self.parse(text) == .double(Double(text)!))
    }

    @Test(arguments: ["", "-", "+", "NA", "1x", "1.2.3", "e5", "1e", "1e+", "--1", " 1", "1 ", "0x10", "inf", "nan"])
    func rejects(_ text: String) {
        #expect(Self.parse(text) == .invalid)
    }

    @Test func eightDigitsEveryLength() {
        var random = SeededRandom(seed: 11)
        for length in 1...8 {
            for _ in 0..<200 {
                let digits = (0..<length).map { _ in UInt8(48 + random.below(10)) }
                let bytes = digits + Array(repeating: UInt8(ascii: ","), count: 8)
                let value = bytes.withUnsafeBufferPointer { NumberParser.eightDigits($0.baseAddress!, count: length) }
                #expect(value == UInt32(String(decoding: digits, as: UTF8.self)))
            }
        }
    }

    @Test(arguments: ["1a", "a1", "12:4", "1/", "9 ", " 9", "N", "NA"])
    func eightDigitsRejectsNonDigits(_ text: String) {
        let bytes = Array(text.utf8) + Array(repeating: 0, count: 8)
        let value = bytes.withUnsafeBufferPointer { NumberParser.eightDigits($0.baseAddress!, count: text.utf8.count) }
        #expect(value == nil)
    }
}
