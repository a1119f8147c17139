import AzureKitSigning
import Foundation

/// Stamps the service's date header (`x-ms-date` or `ocp-date`) on every attempt, so a retried request is
/// signed with a fresh date and never falls outside the service's 15-minute window.
public struct DatePolicy: HTTPPolicy {
    private let now: @Sendable () -> Date

    /// - Parameter now: the clock; tests inject a fixed one.
    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var request = request
        request.headers[context.profile.dateHeader] = HTTPDate.format(now())
        return try await next(request, context)
    }
}

/// RFC 1123 dates (`Wed, 01 Oct 2025 12:00:00 GMT`), locale-independent; the formatting itself lives with the
/// signer in AzureKitSigning, which signs exactly this text.
public enum HTTPDate {
    /// Formats `date` in GMT.
    public static func format(_ date: Date) -> String { AzureDateFormat.rfc1123(date) }

    /// Parses an RFC 1123 date with the `GMT` zone HTTP requires; `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        text.hasSuffix(" GMT") ? AzureDateFormat.parseRFC1123(text) : nil
    }
}

/// Proleptic Gregorian day arithmetic (Howard Hinnant's algorithms), exact for any year and independent of
/// time zones and locales; used where wire formats carry more precision than `DateFormatter` keeps.
public enum CivilCalendar {
    /// The date `days` days after 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    /// Days from 1970-01-01 to the given date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
