/// The canonicalized-headers block of a Shared Key string to sign.
enum CanonicalizedHeaders {
    /// Every header with the scheme's prefix, as `name:value\n`, in the scheme's order.
    static func make(_ headers: SigningHeaders, scheme: SharedKeyScheme) -> String {
        let prefix = scheme.canonicalHeaderPrefix
        let selected = headers.names.filter { $0.hasPrefix(prefix) }
        let ordered: [String] =
            switch scheme.kind {
            case .storage: StorageHeaderCollation.sorted(selected)
            case .batch: selected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
        var out = ""
        for name in ordered {
            out += name
            out += ":"
            out += headers[name]
            out += "\n"
        }
        return out
    }
}
