import AzureKitCore
import Foundation

/// Removes secrets from text bodies before they are written to a fixture: SAS `sig` values, bearer tokens, and
/// the values of JSON keys, form fields and XML elements whose names say they hold a secret (password, secret,
/// token, signature, `…Key`). Binary and very large bodies are returned unchanged.
///
/// ```swift
/// SecretScrubber.scrub(text: #"{"password":"hunter2"}"#)   // {"password":"REDACTED"}
/// ```
public enum SecretScrubber {
    /// Bodies larger than this are not scanned (they are blob contents, not API payloads).
    public static let maxScannedBytes = 1 << 20

    /// `body` with secrets replaced by `REDACTED`, when it is UTF-8 text of at most ``maxScannedBytes``.
    public static func scrub(_ body: Data) -> Data {
        guard !body.isEmpty, body.count <= maxScannedBytes, !body.contains(0),
            let text = String(data: body, encoding: .utf8)
        else { return body }
        let scrubbed = scrub(text: text)
        return scrubbed == text ? body : Data(scrubbed.utf8)
    }

    /// `text` with secrets replaced by `REDACTED`.
    public static func scrub(text: String) -> String {
        var text = text
        let userDelegationKey = text.contains("<UserDelegationKey>")
        replace(in: &text, pattern: #"([?&;]|^)(sig=)[^&"'<>\s]*"#, options: [.caseInsensitive, .anchorsMatchLines]) {
            _ in true
        }
        replace(in: &text, pattern: #"(Bearer\s+)[A-Za-z0-9\-._~+/]+=*"#) { _ in true }
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

    /// Whether a field called `name` probably holds a secret.
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
            if source.substring(with: valueRange) == Redaction.placeholder { continue }
            result += source.substring(with: NSRange(location: cursor, length: valueRange.location - cursor))
            result += Redaction.placeholder
            cursor = valueRange.location + valueRange.length
        }
        guard cursor > 0 else { return }
        result += source.substring(from: cursor)
        text = result
    }
}
