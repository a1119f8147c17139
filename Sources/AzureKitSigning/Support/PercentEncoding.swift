/// The SDK's one percent-encoder (RFC 3986, UTF-8, upper-case hex): URL paths and queries of every client,
/// `application/x-www-form-urlencoded` token bodies, the canonicalizers and the SAS builder.
///
/// Foundation's `removingPercentEncoding` and `addingPercentEncoding` differ between platforms
/// in what they accept and keep (and `CharacterSet.alphanumerics` keeps non-ASCII letters such as `ü`
/// unencoded), so the exact byte rules the services expect live here.
///
/// ```swift
/// PercentEncoding.encode("dir one/report ü.csv")             // "dir%20one/report%20%C3%BC.csv"
/// PercentEncoding.query([("$filter", "state eq 'active'")], safeInNames: "$")   // "$filter=state%20eq%20%27active%27"
/// ```
public enum PercentEncoding {
    /// Decodes `%XX` escapes into UTF-8. A `+` stays a `+` (the Storage SDKs never turn it into a
    /// space). Returns `nil` for a truncated or non-hex escape, or bytes that are not UTF-8.
    public static func decode(_ text: String) -> String? {
        guard text.utf8.contains(0x25) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x25 else {
                out.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            out.append(high << 4 | low)
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Encodes every byte except the RFC 3986 unreserved characters and the bytes in `safe`,
    /// with upper-case hex (`quote(value, safe=safe)` in Python terms).
    /// - Parameter safe: ASCII characters left as they are; SAS values keep `/`.
    public static func encode(_ text: String, safe: String = "/") -> String {
        let safeBytes = Set(safe.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || safeBytes.contains(byte) {
                out.append(byte)
            } else {
                out.append(0x25)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `name=value` pairs joined with `&`, names and values encoded with nothing kept but the unreserved
    /// characters (so `/`, `+`, `=`, `:` and non-ASCII letters are escaped): a URL query or an
    /// `application/x-www-form-urlencoded` body.
    /// - Parameter safeInNames: characters kept in names; Batch and ARM keep `$` in `$filter`, `$select`.
    public static func query(_ items: [(String, String)], safeInNames: String = "") -> String {
        items.map { encode($0.0, safe: safeInNames) + "=" + encode($0.1, safe: "") }.joined(separator: "&")
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
