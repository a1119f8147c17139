/// A service value (state, VM size, SKU, tier, code…) carried as a string, with well-known values as static
/// constants and any other value kept as sent: the SDK's one extensible-enum shape (Java azure-core's
/// `ExpandableStringEnum`), used by every service module.
///
/// Swift names are camelCase; the raw value is the wire spelling. Decoding never fails on an unknown value,
/// and a value that matches a known one apart from case is normalised to the known spelling (the service
/// writes `"Spread"` where the spec says `spread`).
///
/// ```swift
/// public struct NodeFillType: ExtensibleStringValue {
///     public let rawValue: String
///     public init(rawValue: String) { self.rawValue = rawValue }
///     public static let spread: NodeFillType = "spread"
///     public static let known: [NodeFillType] = [.spread]
/// }
/// ```
public protocol ExtensibleStringValue: RawRepresentable<String>, Codable, Hashable, Sendable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    init(rawValue: String)
    /// The documented values, used to normalise case when decoding.
    static var known: [Self] { get }
}

extension ExtensibleStringValue {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self.init(normalizing: text)
    }

    /// `text`, spelled as the known value it matches ignoring case, if any.
    public init(normalizing text: String) {
        if let match = Self.known.first(where: { $0.rawValue == text }) {
            self = match
            return
        }
        let lowered = text.lowercased()
        self = Self.known.first { $0.rawValue.lowercased() == lowered } ?? Self(rawValue: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static var known: [Self] { [] }
}
