/// Percent-encoding rules shared by the canonicalizers and the SAS builder.
///
/// Foundation's `removingPercentEncoding` and `addingPercentEncoding` differ between platforms
/// in what they accept and keep, so the exact byte rules the services expect live here.
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
