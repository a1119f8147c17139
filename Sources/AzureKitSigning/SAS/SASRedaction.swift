/// Hides the signature of a SAS in a URL or query string, for logs and error messages.
///
/// ```swift
/// SASRedaction.redact("https://a.blob.core.windows.net/c?sv=2026-10-06&sig=abc%3D")
/// // "https://a.blob.core.windows.net/c?sv=2026-10-06&sig=REDACTED"
/// ```
public enum SASRedaction {
    /// The replacement text.
    public static let placeholder = "REDACTED"

    /// Replaces the value of every `sig` parameter (name matched case-insensitively) with
    /// ``placeholder``. Other text is unchanged.
    public static func redact(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Split off a fragment so `#` ends the last parameter.
        let fragmentStart = text.firstIndex(of: "#") ?? text.endIndex
        let body = text[..<fragmentStart]
        let queryStart = body.firstIndex(of: "?")
        let prefix = queryStart.map { body[...$0] } ?? ""
        let query = queryStart.map { body[body.index(after: $0)...] } ?? body
        let pieces = query.split(separator: "&", omittingEmptySubsequences: false).map { piece -> String in
            guard let equals = piece.firstIndex(of: "=") else { return String(piece) }
            let name = String(piece[..<equals]).asciiLowercased()
            return name == "sig" ? "sig=" + placeholder : String(piece)
        }
        out += prefix
        out += pieces.joined(separator: "&")
        out += text[fragmentStart...]
        return out
    }
}
