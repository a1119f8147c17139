import AzureKitSigning
import Foundation

/// RFC 1123 dates (`Wed, 01 Oct 2025 12:00:00 GMT`), locale-independent: the `Date`, `x-ms-date`, `ocp-date`,
/// `Last-Modified` and `Retry-After` headers. The formatting itself lives with the signer in AzureKitSigning
/// (``AzureDateFormat``), which signs exactly this text; the day arithmetic is ``CivilCalendar``.
///
/// ```swift
/// HTTPDate.format(Date(timeIntervalSince1970: 784_111_777))   // "Sun, 06 Nov 1994 08:49:37 GMT"
/// HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")             // 1994-11-06 08:49:37 +0000
/// ```
public enum HTTPDate {
    /// Formats `date` in GMT.
    public static func format(_ date: Date) -> String { AzureDateFormat.rfc1123(date) }

    /// Parses an RFC 1123 date with the `GMT` zone HTTP requires; `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        text.hasSuffix(" GMT") ? AzureDateFormat.parseRFC1123(text) : nil
    }
}
