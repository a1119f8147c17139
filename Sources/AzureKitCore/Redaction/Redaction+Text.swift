import Foundation

/// Secrets in free text and message bodies. ``Redaction`` decides which header and query values of a request may
/// be printed (an allow-list); the functions here find secrets in text that has no such structure: error
/// messages and command lines that quote a URL, recorded request and response bodies, connection strings.
extension Redaction {
    /// `text` with every URL-like word (one holding a query string or user info) given the allow-list treatment
    /// of ``redactURLString(_:)``: a SAS keeps its permissions and expiry visible and loses its `sig`. Other words,
    /// and the white space and quotes between words, are unchanged. For command lines, failure messages and stderr
    /// tails shown on pages and in reports.
    ///
    /// ```swift
    /// Redaction.default.redactURLs(in: "curl 'https://a.blob.core.windows.net/c/x?sp=r&sig=abc'")
    /// // curl 'https://a.blob.core.windows.net/c/x?sp=r&sig=REDACTED'
    /// ```
    public func redactURLs(in text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var word = ""
        func flush() {
            if word.contains("?") || word.contains("@") { output += redactURLString(word) } else { output += word }
            word = ""
        }
        for character in text {
            if character.isWhitespace || character == "'" || character == "\"" {
                flush()
                output.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return output
    }

    /// `text` with every quoted base64 run of 40 characters or more (a MAC signature) replaced by ``placeholder``.
    /// Storage's `AuthenticationErrorDetail` quotes the request's signature (`…in the HTTP request 'abc…=' is not
    /// the same…`); a signature is replayable for minutes, so service error messages hide it like any secret.
    public static func redactQuotedSignatures(in text: String) -> String {
        guard text.count >= 40, let regex = quotedSignaturePattern else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "'\(placeholder)'")
    }

    private static let quotedSignaturePattern = try? NSRegularExpression(pattern: "'[A-Za-z0-9+/]{40,}={0,2}'")

    /// Bodies larger than this are not scanned by ``scrub(_:)`` (they are blob contents, not API payloads).
    public static let maxScannedBytes = 1 << 20

    /// `body` with secrets replaced by ``placeholder``, when it is UTF-8 text of at most ``maxScannedBytes``;
    /// binary and very large bodies are returned unchanged. The recorder scrubs every body it writes to a fixture.
    public static func scrub(_ body: Data) -> Data {
        guard !body.isEmpty, body.count <= maxScannedBytes, !body.contains(0),
            let text = String(data: body, encoding: .utf8)
        else { return body }
        let scrubbed = scrub(text: text)
        return scrubbed == text ? body : Data(scrubbed.utf8)
    }

    /// `text` with secrets replaced by ``placeholder``: SAS `sig` values, bearer tokens, account keys, passwords
    /// and tokens in `name=value` pairs (query strings, form bodies, connection strings), and the values of JSON
    /// keys, form fields and XML elements whose names say they hold a secret (see ``isSecretName(_:)``).
    ///
    /// ```swift
    /// Redaction.scrub(text: #"{"password":"hunter2"}"#)                        // {"password":"REDACTED"}
    /// Redaction.scrub(text: "AccountName=a;AccountKey=xyz==;EndpointSuffix=…")  // AccountKey=REDACTED;…
    /// ```
    public static func scrub(text: String) -> String {
        var text = text
        let userDelegationKey = text.contains("<UserDelegationKey>")
        replace(in: &text, pattern: #"([?&;]|^)(sig=)[^&"'<>\s]*"#, options: [.caseInsensitive, .anchorsMatchLines]) {
            _ in true
        }
        replace(in: &text, pattern: #"(Bearer\s+)[A-Za-z0-9\-._~+/]+=*"#) { _ in true }
        // name=value in a query string, a connection string or a sentence: the names that are always secrets.
        replace(
            in: &text,
            pattern:
                #"(^|[?&;\s"'])(sig|accountkey|sharedaccesssignature|password|access_token|refresh_token)=([^&;\s"',)\]}<>]*)"#,
            options: [.caseInsensitive, .anchorsMatchLines], nameGroup: 2, valueGroup: 3
        ) { _ in true }
        // JSON "name": "value"
        replace(in: &text, pattern: #"("([^"\\]+)"\s*:\s*")((?:[^"\\]|\\.)*)""#, nameGroup: 2, valueGroup: 3) {
            isSecretName($0)
        }
        // form name=value
        replace(in: &text, pattern: #"((?:^|&)([A-Za-z0-9_.\-]+)=)([^&\s]*)"#, nameGroup: 2, valueGroup: 3) {
            isSecretName($0)
        }
        // XML <Name>value</Name>
        replace(in: &text, pattern: #"(<([A-Za-z][A-Za-z0-9_.:\-]*)>)([^<]*)(?=</\2>)"#, nameGroup: 2, valueGroup: 3) {
            name in
            isSecretName(name) || (userDelegationKey && name == "Value")
        }
        return text
    }

    /// Whether a field called `name` probably holds a secret: `sig`, or a name containing password, secret,
    /// token, signature, assertion or credential, or ending in `key` (`accountKey`, `AccountKey`).
    public static func isSecretName(_ name: String) -> Bool {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        if key == "sig" { return true }
        for word in ["password", "passwd", "secret", "token", "signature", "assertion", "credential"]
        where key.contains(word) {
            return true
        }
        return key.hasSuffix("key") && key != "key"
    }

    /// Replaces capture `valueGroup` (or, without groups, everything after capture 1) of each match whose
    /// `nameGroup` passes `isSecret`.
    private static func replace(
        in text: inout String, pattern: String, options: NSRegularExpression.Options = [],
        nameGroup: Int? = nil, valueGroup: Int? = nil, isSecret: (String) -> Bool
    ) {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return }
        let source = text as NSString
        var result = ""
        var cursor = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let name = nameGroup.map { source.substring(with: match.range(at: $0)) } ?? ""
            guard isSecret(name) else { continue }
            let valueRange: NSRange
            if let valueGroup {
                valueRange = match.range(at: valueGroup)
            } else {
                let lastPrefix = match.range(at: match.numberOfRanges - 1)
                let end = match.range.location + match.range.length
                valueRange = NSRange(
                    location: lastPrefix.location + lastPrefix.length,
                    length: end - lastPrefix.location - lastPrefix.length)
            }
            guard valueRange.location != NSNotFound, valueRange.location >= cursor else { continue }
            if source.substring(with: valueRange) == placeholder { continue }
            result += source.substring(with: NSRange(location: cursor, length: valueRange.location - cursor))
            result += placeholder
            cursor = valueRange.location + valueRange.length
        }
        guard cursor > 0 else { return }
        result += source.substring(from: cursor)
        text = result
    }
}
