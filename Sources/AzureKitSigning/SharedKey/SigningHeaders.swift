/// The request headers as the signer sees them: names lower-cased, values trimmed, repeated
/// headers combined with `,` in request order (what an HTTP server does with repeated fields).
struct SigningHeaders {
    private(set) var values: [String: String] = [:]
    /// Lower-cased names in first-seen order.
    private(set) var names: [String] = []

    /// - Parameter signedPrefix: headers with this prefix (plus the standard ones) are signed, so
    ///   their values are checked for characters that would corrupt the string to sign.
    init(_ headers: [(name: String, value: String)], signedPrefix: String) throws(SigningError) {
        for (rawName, rawValue) in headers {
            let trimmedName = rawName.trimmingASCIIWhitespace()
            guard Self.isToken(trimmedName) else {
                throw SigningError(
                    .invalidHeaderName,
                    "Header name \"\(Self.printable(rawName))\" is not a valid HTTP token."
                )
            }
            let name = trimmedName.asciiLowercased()
            // The service sees the value without surrounding whitespace (HTTP strips it), so sign
            // it that way; inner whitespace is kept exactly (see azure-sdk-for-java#17939).
            let value = rawValue.trimmingASCIIWhitespace()
            if name.hasPrefix(signedPrefix) || SharedKeyStringToSign.standardHeaders.contains(name) {
                guard !value.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }) else {
                    throw SigningError(
                        .invalidHeaderValue,
                        "The value of header \"\(name)\" contains a line break or NUL character."
                    )
                }
            }
            if let existing = values[name] {
                values[name] = existing + "," + value
            } else {
                values[name] = value
                names.append(name)
            }
        }
    }

    /// The (combined) value of a header, or "" when absent.
    subscript(name: String) -> String { values[name] ?? "" }

    /// RFC 9110 token characters.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
                case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                    UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                    UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                    true
                default: false
                }
            }
    }

    /// A header name made safe to quote in an error message (control characters escaped).
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(80).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }
}
