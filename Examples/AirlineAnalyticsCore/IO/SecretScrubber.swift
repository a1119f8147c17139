/// Removes secrets from text that is about to be printed: SAS signatures (`sig=`), and account keys or passwords
/// in `name=value` pairs. Errors from lower layers may quote a URL; a one-line cause must not leak its SAS.
public enum SecretScrubber {
    /// Query and connection-string names whose values are secrets (compared ignoring case).
    public static let secretNames: [String] = [
        "sig", "accountkey", "sharedaccesssignature", "password", "access_token", "refresh_token",
    ]

    /// `text` with every secret value replaced by `REDACTED`.
    public static func scrub(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            if let valueStart = secretValueStart(in: text, at: index) {
                output += text[index..<valueStart]
                var end = valueStart
                while end < text.endIndex, !Self.terminators.contains(text[end]) { end = text.index(after: end) }
                output += "REDACTED"
                index = end
            } else {
                output.append(text[index])
                index = text.index(after: index)
            }
        }
        return output
    }

    static let terminators: Set<Character> = ["&", ";", " ", "\"", "'", ",", "\n", "\t", ")", "]", "}", "<", ">"]

    /// Where the value starts when a secret name starts at `index` (preceded by a separator, followed by `=`).
    private static func secretValueStart(in text: String, at index: String.Index) -> String.Index? {
        if index > text.startIndex {
            let previous = text[text.index(before: index)]
            guard previous == "?" || previous == "&" || previous == ";" || previous == " " || previous == "\"" else {
                return nil
            }
        }
        for name in secretNames {
            var cursor = index
            var matched = true
            for expected in name {
                guard cursor < text.endIndex, text[cursor].lowercased() == String(expected) else {
                    matched = false
                    break
                }
                cursor = text.index(after: cursor)
            }
            if matched, cursor < text.endIndex, text[cursor] == "=" { return text.index(after: cursor) }
        }
        return nil
    }
}
