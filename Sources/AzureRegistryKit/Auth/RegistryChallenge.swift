/// A `WWW-Authenticate` challenge from a registry: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.
///
/// Parameters are parsed as RFC 7235 auth-params: quoted strings (with `\` escapes, and commas inside the
/// quotes, as in `scope="repository:a:pull,push"`) or bare tokens, separated by commas and optional spaces.
///
/// ```swift
/// let challenge = RegistryChallenge(parsing: #"Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io""#)
/// challenge?.realm     // "https://r.azurecr.io/oauth2/token"
/// ```
public struct RegistryChallenge: Hashable, Sendable, CustomStringConvertible {
    /// Lower-cased scheme: `bearer` or `basic`.
    public let scheme: String
    /// Every parameter, with lower-cased names.
    public let parameters: [String: String]

    public init(scheme: String, parameters: [String: String]) {
        self.scheme = scheme.lowercased()
        self.parameters = parameters
    }

    public var realm: String? { parameters["realm"] }
    public var service: String? { parameters["service"] }
    /// The scopes asked for: the `scope` parameter holds one or more, separated by spaces.
    public var scopes: [RegistryScope] {
        (parameters["scope"] ?? "").split(separator: " ").compactMap { RegistryScope(parsing: String($0)) }
    }
    /// `invalid_token`, `insufficient_scope`, … when the registry says why it refused a token.
    public var error: String? { parameters["error"] }

    public var isBearer: Bool { scheme == "bearer" }
    public var isBasic: Bool { scheme == "basic" }

    /// Parses one header value; `nil` when it has no scheme or its parameters are malformed.
    public init?(parsing header: String) {
        var scanner = AuthParamScanner(Array(header.utf8))
        scanner.skipSpaces()
        guard let scheme = scanner.token(), !scheme.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        scanner.skipSpaces()
        while !scanner.atEnd {
            guard let name = scanner.token(), !name.isEmpty else { return nil }
            scanner.skipSpaces()
            // A name without '=' starts the next challenge of a combined header: keep the first one.
            guard scanner.consume(UInt8(ascii: "=")) else { break }
            scanner.skipSpaces()
            guard let value = scanner.peek == UInt8(ascii: "\"") ? scanner.quoted() : scanner.token() else {
                return nil
            }
            parameters[name.lowercased()] = value
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.consume(UInt8(ascii: ",")) else { return nil }
            scanner.skipSpaces()
        }
        self.init(scheme: scheme, parameters: parameters)
    }

    /// The first usable challenge among a response's `WWW-Authenticate` values, Bearer preferred.
    public static func first(in headerValues: [String]) -> RegistryChallenge? {
        let challenges = headerValues.compactMap(RegistryChallenge.init(parsing:))
        return challenges.first(where: \.isBearer) ?? challenges.first
    }

    public var description: String {
        let params = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        return params.isEmpty ? scheme : "\(scheme) \(params)"
    }
}

/// Byte scanner for RFC 7235 auth-params.
private struct AuthParamScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func skipSpaces() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// An RFC 7230 token (for a bare value also allows '/' so unquoted URLs and scopes survive).
    mutating func token() -> String? {
        let start = index
        while let byte = peek,
            !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\""))
        {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted string with `\` escapes; `nil` when the closing quote is missing.
    mutating func quoted() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        var value: [UInt8] = []
        while let byte = peek {
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: value, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), let escaped = peek {
                value.append(escaped)
                index += 1
            } else {
                value.append(byte)
            }
        }
        return nil
    }
}
