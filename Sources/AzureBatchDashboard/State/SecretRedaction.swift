import AzureKitCore

/// Applies the SDK's URL redaction (``AzureKitCore/Redaction``) to free text: every word holding a query
/// string (`…?sv=…&sig=…`) or user info (`https://user:pass@host`) gets the allow-list treatment, so a SAS keeps
/// its permissions and expiry visible and loses its `sig`. Command lines, failure messages and stderr tails pass
/// through here before they reach a page or a report.
public enum SecretRedaction {
    /// `text` with the query values and user info of every URL-like word redacted; other words unchanged.
    public static func redact(_ text: String, using redaction: Redaction = .default) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var word = ""
        func flush() {
            if word.contains("?") || word.contains("@") {
                output += redaction.redactURLString(word)
            } else {
                output += word
            }
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
}
