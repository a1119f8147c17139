import AzureKitSigning
import Foundation
import Testing

@Suite("Date formats")
struct AzureDateFormatTests {
    /// Foundation's POSIX-locale formatter is the independent oracle.
    static func oracle(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = format
        return formatter
    }

    static let samples: [TimeInterval] = [
        0, 1_759_320_000, 1_759_320_000.999, 951_782_400 /* 2000-02-29 */, 1_709_164_800 /* 2024-02-29 */,
        4_107_542_399 /* 2100-02-28T23:59:59 */, -1, -86_400 * 365.25 * 70, 253_402_300_799, 1_234_567_890.5,
    ]

    @Test("RFC 1123 matches Foundation's POSIX formatter", arguments: samples)
    func rfc1123(seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = Self.oracle("EEE, dd MMM yyyy HH:mm:ss 'GMT'").string(
            from: Date(timeIntervalSince1970: seconds.rounded(.down)))
        #expect(AzureDateFormat.rfc1123(date) == expected)
    }

    @Test("ISO 8601 (seconds) matches Foundation's POSIX formatter", arguments: samples)
    func iso8601(seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = Self.oracle("yyyy-MM-dd'T'HH:mm:ss'Z'").string(
            from: Date(timeIntervalSince1970: seconds.rounded(.down)))
        #expect(AzureDateFormat.iso8601(date) == expected)
    }

    @Test("The reference date header is formatted exactly")
    func referenceDate() {
        #expect(AzureDateFormat.rfc1123(Date(timeIntervalSince1970: 1_759_320_000)) == TestKeys.date)
    }

    @Test("RFC 1123 parsing round-trips whole seconds", arguments: samples)
    func roundTrip(seconds: TimeInterval) {
        let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
        #expect(AzureDateFormat.parseRFC1123(AzureDateFormat.rfc1123(whole)) == whole)
    }

    @Test("RFC 1123 parsing accepts a missing weekday and UTC")
    func lenientParse() {
        let date = Date(timeIntervalSince1970: 1_759_320_000)
        #expect(AzureDateFormat.parseRFC1123("01 Oct 2025 12:00:00 GMT") == date)
        #expect(AzureDateFormat.parseRFC1123("Wed, 01 oct 2025 12:00:00 UTC") == date)
    }

    @Test(
        "RFC 1123 parsing rejects malformed text",
        arguments: [
            "", "garbage", "Wed, 32 Oct 2025 12:00:00 GMT", "Wed, 29 Feb 2025 12:00:00 GMT",
            "Wed, 01 Foo 2025 12:00:00 GMT",
            "Wed, 01 Oct 2025 24:00:00 GMT", "Wed, 01 Oct 2025 12:00 GMT", "Wed, 01 Oct 2025 12:00:00 PST",
            "2025-10-01T12:00:00Z",
            "Wed, 01 Oct 2025 12:-1:00 GMT",
        ])
    func rejects(text: String) {
        #expect(AzureDateFormat.parseRFC1123(text) == nil)
    }
}
