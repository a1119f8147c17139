#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The canonicalized-resource block of a Shared Key string to sign:
/// `/<account><encoded path>` then `\n<name>:<decoded value>` per query parameter.
enum CanonicalizedResource {
    static func make(account: String, url: URL, scheme: SharedKeyScheme) throws(SigningError) -> String {
        let parts = try URLParts(url)
        // The path is signed exactly as sent. Path-style endpoints (Azurite, IP hosts) already
        // carry the account as the first segment, so it appears twice, as the service expects.
        var out = "/" + account + parts.path
        for (name, values) in try groupedQuery(parts.query, scheme: scheme) {
            out += "\n" + name + ":" + values.joined(separator: ",")
        }
        return out
    }

    /// Query parameters grouped by lower-cased, decoded name, sorted by name (ordinal).
    private static func groupedQuery(_ query: String?, scheme: SharedKeyScheme) throws(SigningError) -> [(
        String, [String]
    )] {
        guard let query, !query.isEmpty else { return [] }
        var groups: [String: [String]] = [:]
        for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
            let rawName: Substring
            let rawValue: Substring
            if let equals = piece.firstIndex(of: "=") {
                rawName = piece[..<equals]
                rawValue = piece[piece.index(after: equals)...]
            } else {
                rawName = piece
                rawValue = ""
            }
            guard let name = PercentEncoding.decode(String(rawName)) else {
                throw SigningError(.malformedURL, "A query parameter name has an invalid percent-escape.")
            }
            let lowered = name.asciiLowercased()
            guard let value = PercentEncoding.decode(String(rawValue)) else {
                throw SigningError(
                    .malformedURL,
                    "The value of query parameter \"\(SigningHeaders.printable(lowered))\" has an invalid percent-escape."
                )
            }
            groups[lowered, default: []].append(value)
        }
        return groups.keys
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { name in
                let values = groups[name] ?? []
                switch scheme.kind {
                case .storage: return (name, values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                case .batch: return (name, values)
                }
            }
    }
}

/// The percent-encoded path and query of a request URL, as they go on the wire.
struct URLParts {
    let path: String
    let query: String?

    init(_ url: URL) throws(SigningError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw SigningError(.malformedURL, "The request URL could not be parsed.")
        }
        guard let host = components.host, !host.isEmpty else {
            throw SigningError(.malformedURL, "The request URL has no host.")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw SigningError(.malformedURL, "The request URL must use https or http.")
        }
        let encodedPath = components.percentEncodedPath
        // An empty path goes on the wire as "/" (`GET /?comp=list`), so sign it that way.
        path = encodedPath.isEmpty ? "/" : encodedPath
        query = components.percentEncodedQuery
    }
}
