#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Locale- and time-zone-independent date formats used by Azure requests.
///
/// These run on every request attempt (the date policy stamps `x-ms-date` / `ocp-date`), so they
/// do plain integer arithmetic instead of going through `DateFormatter`, which depends on the
/// process locale and is slow to create.
///
/// ```swift
/// let header = AzureDateFormat.rfc1123(Date())   // "Wed, 01 Oct 2025 12:00:00 GMT"
/// let start = AzureDateFormat.iso8601(Date())    // "2025-10-01T12:00:00Z"
/// ```
public enum AzureDateFormat {
    /// Formats `date` as an RFC 1123 HTTP date in GMT, e.g. `Wed, 01 Oct 2025 12:00:00 GMT`.
    /// Fractional seconds are truncated.
    public static func rfc1123(_ date: Date) -> String {
        let parts = CivilTime(date)
        var out = ""
        out.reserveCapacity(29)
        out += weekdayNames[parts.weekday]
        out += ", "
        out += pad2(parts.day)
        out += " "
        out += monthNames[parts.month - 1]
        out += " "
        out += pad4(parts.year)
        out += " "
        out += pad2(parts.hour) + ":" + pad2(parts.minute) + ":" + pad2(parts.second)
        out += " GMT"
        return out
    }

    /// Parses an RFC 1123 date (`Wed, 01 Oct 2025 12:00:00 GMT`; the weekday is optional and not
    /// checked, `UTC` and `+0000` are accepted for the zone). Returns `nil` for anything else.
    public static func parseRFC1123(_ text: String) -> Date? {
        var fields = text.trimmingASCIIWhitespace().split(separator: " ", omittingEmptySubsequences: true)
        if let first = fields.first, first.hasSuffix(",") { fields.removeFirst() }
        guard fields.count == 5,
            let day = Int(fields[0]), (1...31).contains(day),
            let monthIndex = monthNames.firstIndex(where: { $0.caseInsensitiveEquals(fields[1]) }),
            let year = Int(fields[2]), (1...9999).contains(year),
            ["GMT", "UTC", "+0000", "Z"].contains(String(fields[4]).uppercased())
        else { return nil }
        let clock = fields[3].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3,
            let hour = Int(clock[0]), (0...23).contains(hour),
            let minute = Int(clock[1]), (0...59).contains(minute),
            let second = Int(clock[2]), (0...60).contains(second)
        else { return nil }
        let month = monthIndex + 1
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Formats `date` as ISO 8601 UTC with seconds precision, `2025-10-01T12:00:00Z`, the form
    /// SAS start and expiry times use. Fractional seconds are truncated.
    public static func iso8601(_ date: Date) -> String {
        let parts = CivilTime(date)
        return pad4(parts.year) + "-" + pad2(parts.month) + "-" + pad2(parts.day) + "T"
            + pad2(parts.hour) + ":" + pad2(parts.minute) + ":" + pad2(parts.second) + "Z"
    }

    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func pad4(_ value: Int) -> String {
        let digits = String(value)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// A UTC breakdown of a `Date` (proleptic Gregorian), computed arithmetically through ``CivilCalendar``.
private struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// 0 = Sunday.
    var weekday: Int

    init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        // Clamp to years 1...9999 so absurd inputs format instead of overflowing.
        let clamped = min(max(interval, -62_135_596_800), 253_402_300_799)
        let total = Int64(clamped.rounded(.down))
        let days = CivilCalendar.floorDivision(total, 86_400)
        let secondOfDay = Int(total - days * 86_400)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
        (year, month, day) = CivilCalendar.civil(fromDays: days)
    }
}

extension String {
    fileprivate func caseInsensitiveEquals(_ other: Substring) -> Bool {
        asciiLowercased() == String(other).asciiLowercased()
    }
}
