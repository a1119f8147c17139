/// Builds the Shared Key string to sign for Storage and Batch.
///
/// ```
/// VERB \n Content-Encoding \n Content-Language \n Content-Length \n Content-MD5 \n
/// Content-Type \n Date \n If-Modified-Since \n If-Match \n If-None-Match \n
/// If-Unmodified-Since \n Range \n CanonicalizedHeaders CanonicalizedResource
/// ```
enum SharedKeyStringToSign {
    /// The standard headers, in string-to-sign order (lower case).
    static let standardHeaders: [String] = [
        "content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
        "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range",
    ]

    /// Storage signs `Content-Length: 0` as an empty line from this x-ms-version on.
    static let emptyZeroLengthVersion = "2015-02-21"

    static func make(
        method: String,
        url: URL,
        headers rawHeaders: [(name: String, value: String)],
        account: String,
        scheme: SharedKeyScheme
    ) throws(SigningError) -> String {
        let verb = method.trimmingASCIIWhitespace().uppercased()
        guard SigningHeaders.isToken(verb) else {
            throw SigningError(
                .invalidMethod, "HTTP method \"\(SigningHeaders.printable(method))\" is not a valid token.")
        }
        let headers = try SigningHeaders(rawHeaders, signedPrefix: scheme.canonicalHeaderPrefix)
        var out = verb + "\n"
        for name in standardHeaders {
            var value = headers[name]
            if name == "content-length", value == "0", scheme == .storage, signsZeroLengthAsEmpty(headers) {
                value = ""
            }
            out += value + "\n"
        }
        out += CanonicalizedHeaders.make(headers, scheme: scheme)
        out += try CanonicalizedResource.make(account: account, url: url, scheme: scheme)
        return out
    }

    /// `true` unless the request pins an x-ms-version older than 2015-02-21 (dates compare as text).
    private static func signsZeroLengthAsEmpty(_ headers: SigningHeaders) -> Bool {
        let version = headers["x-ms-version"]
        return version.isEmpty || !version.utf8.lexicographicallyPrecedes(emptyZeroLengthVersion.utf8)
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
